import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { getBridge } from './api/bridge.js';
import './styles.css';

// Choose the transport first: in a browser this takes the token out of the address bar.
getBridge();

const root = document.getElementById('root');
if (!root) throw new Error('Casebook: the page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
