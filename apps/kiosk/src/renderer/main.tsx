import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n.ts';
import './styles.css';
import { App } from './App.tsx';
import { KioskClient } from './client/KioskClient.ts';
import { loadRendererConfig } from './client/runtimeConfig.ts';
import { NotConfigured } from './screens/NotConfigured.tsx';

declare global {
  interface Window {
    /** Diagnostics hook (health readouts and end-to-end tests): inbound video stats of the call. */
    __kioskMedia?: { inboundVideoStats: () => Promise<{ framesDecoded: number; bytesReceived: number } | null> };
  }
}

const root = createRoot(document.getElementById('root')!);
loadRendererConfig().then(
  (config) => {
    const client = new KioskClient(config);
    client.start();
    window.__kioskMedia = { inboundVideoStats: () => client.inboundVideoStats() };
    root.render(
      <StrictMode>
        <App client={client} />
      </StrictMode>,
    );
  },
  (err: unknown) => {
    console.warn('kiosk configuration invalid', err);
    root.render(<NotConfigured />);
  },
);
