import { createRoot } from 'react-dom/client';
import '../common/base.css';
import '../i18n';
import { BriefingApp } from './BriefingApp';

createRoot(document.getElementById('root')!).render(<BriefingApp />);
