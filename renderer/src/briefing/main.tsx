import { createRoot } from 'react-dom/client';
import '../common/base.css';
import '../i18n';
import { setAppState } from '../common/appState';

function BriefingApp() {
  setTimeout(() => setAppState('ready'));
  return <h1>Брифинг</h1>;
}

createRoot(document.getElementById('root')!).render(<BriefingApp />);
