import type { SessionInfo } from '@qd/contracts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initCspNonce } from './cspNonce';
import { LoginPage } from './features/auth/LoginPage';
import { reasonFromLocation, signedInPath } from './features/auth/loginReason';
import { applyCachedLook } from './features/preferences/theme';
import { installRenderScheduler } from './renderScheduler';
import './styles.css';

installRenderScheduler();
initCspNonce();
applyCachedLook();

const el = document.getElementById('root');
if (!el) throw new Error('index.html lacks #root');
const root = createRoot(el);

// The router, the query client and every signed-in page: one lazy chunk (and its imports),
// so the login route loads React and the login page only.
const loadApp = () => import('./app');

/** Hands the signed-in session to the full app, in place; a full load if its code cannot load. */
async function openApp(session: SessionInfo): Promise<void> {
  let app;
  try {
    app = await loadApp();
  } catch {
    window.location.assign(signedInPath(session));
    return;
  }
  app.startApp(root, session);
}

if (window.location.pathname === '/login') {
  root.render(
    <StrictMode>
      <LoginPage reason={reasonFromLocation()} onSignedIn={openApp} />
    </StrictMode>,
  );
  // After the form has painted, so the prefetch never delays it: the app, the shell and the
  // dashboard, ready for the hand-over (the server leaves their preloads out of this page).
  setTimeout(() => {
    loadApp().then(
      (app) => app.prefetchAppChunks(),
      () => undefined,
    );
  }, 300);
} else {
  void loadApp().then((app) => app.startApp(root));
}
