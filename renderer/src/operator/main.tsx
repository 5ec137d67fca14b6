import { createRoot } from 'react-dom/client';
import '../common/base.css';
import '../i18n';
import { OperatorApp } from './OperatorApp';

createRoot(document.getElementById('root')!).render(<OperatorApp />);
