import { createRoot } from 'react-dom/client';
import '../common/base.css';
import '../i18n';
import { WallApp } from './WallApp';

createRoot(document.getElementById('root')!).render(<WallApp />);
