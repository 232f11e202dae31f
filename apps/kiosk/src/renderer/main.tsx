import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n.ts';
import './styles.css';
import { App } from './App.tsx';
import { KioskClient } from './client/KioskClient.ts';
import { loadRendererConfig } from './client/runtimeConfig.ts';
import { NotConfigured } from './screens/NotConfigured.tsx';
import { HandsFree } from './voice/HandsFree.ts';
import { HandsFreeProvider } from './voice/HandsFreeContext.tsx';

declare global {
  interface Window {
    /** Diagnostics hook (health readouts and end-to-end tests): inbound video stats of the call. */
    __kioskMedia?: { inboundVideoStats: () => Promise<{ framesDecoded: number; bytesReceived: number } | null> };
  }
}

/** Where the build puts the VAD model, its audio worklet and the ONNX Runtime WebAssembly (see vite.config.ts). */
const VAD_ASSETS = new URL('vad/', document.baseURI).href;

const root = createRoot(document.getElementById('root')!);
loadRendererConfig().then(
  (config) => {
    const client = new KioskClient(config);
    client.start();
    const handsFree = new HandsFree(client, VAD_ASSETS);
    window.__kioskMedia = { inboundVideoStats: () => client.inboundVideoStats() };
    root.render(
      <StrictMode>
        <HandsFreeProvider value={handsFree}>
          <App client={client} />
        </HandsFreeProvider>
      </StrictMode>,
    );
  },
  (err: unknown) => {
    console.warn('kiosk configuration invalid', err);
    root.render(<NotConfigured />);
  },
);
