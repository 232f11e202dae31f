import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n.ts';
import './styles.css';
import { App } from './App.tsx';
import { KioskClient } from './client/KioskClient.ts';
import { enrolDevice, loadRendererConfig, type RendererStart } from './client/runtimeConfig.ts';
import { Enrol } from './screens/Enrol.tsx';
import { NotConfigured } from './screens/NotConfigured.tsx';
import { HandsFree } from './voice/HandsFree.ts';
import { HandsFreeProvider } from './voice/HandsFreeContext.tsx';

declare global {
  interface Window {
    /** Diagnostics hook (health readouts and end-to-end tests): inbound video stats of the call. */
    __kioskMedia?: {
      inboundVideoStats: () => Promise<{ framesDecoded: number; bytesReceived: number } | null>;
      /** Live remote tracks of the call by kind. */
      remoteTracks: () => { audio: number; video: number };
    };
  }
}

/** Where the build puts the VAD model, its audio worklet and the ONNX Runtime WebAssembly (see vite.config.ts). */
const VAD_ASSETS = new URL('vad/', document.baseURI).href;

const root = createRoot(document.getElementById('root')!);

/** Runs the kiosk with its credential. */
function run(start: RendererStart, credential: { deviceId: string; deviceToken: string }) {
  const client = new KioskClient(
    { ...start.settings, ...credential },
    {
      storeCredential: (c) => start.credentials.save(c),
      // Revoked or refused: forget the credential and show the enrolment screen.
      onRevoked: () => void start.credentials.clear().finally(() => window.location.reload()),
    },
  );
  client.start();
  const handsFree = new HandsFree(client, VAD_ASSETS);
  window.__kioskMedia = { inboundVideoStats: () => client.inboundVideoStats(), remoteTracks: () => client.remoteTracks() };
  root.render(
    <StrictMode>
      <HandsFreeProvider value={handsFree}>
        <App client={client} />
      </HandsFreeProvider>
    </StrictMode>,
  );
}

/** Enrols with a one-time code, then runs. */
function enrol(start: RendererStart, initialError: Parameters<typeof Enrol>[0]['initialError'] = null) {
  root.render(
    <StrictMode>
      <Enrol
        initialError={initialError}
        onEnrol={async (code) => {
          const r = await enrolDevice(start.settings.orchestratorUrl, code, start.credentials);
          if (!r.ok) return r.error;
          run(start, r.credential);
          return null;
        }}
      />
    </StrictMode>,
  );
}

loadRendererConfig().then(
  async (start) => {
    const stored = await start.credentials.load().catch(() => null);
    if (stored && !start.enrolCode) return run(start, stored);
    if (start.enrolCode) {
      const r = await enrolDevice(start.settings.orchestratorUrl, start.enrolCode, start.credentials);
      if (r.ok) return run(start, r.credential);
      if (stored) return run(start, stored);
      return enrol(start, r.error);
    }
    enrol(start);
  },
  (err: unknown) => {
    console.warn('kiosk configuration invalid', err);
    root.render(<NotConfigured />);
  },
);
