import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientProvider } from './client/ClientContext.tsx';
import { ConsoleClient } from './client/ConsoleClient.ts';
import { App } from './components/App.tsx';
import { initI18n } from './i18n/i18n.ts';
import { alarm, beep, emergencyChime } from './lib/beep.ts';
import { isEmergency } from './lib/emergency.ts';
import './styles.css';

declare global {
  interface Window {
    /** Diagnostics and end-to-end tests: inbound video stats of the current call, or null. */
    __consoleMedia?: { inboundVideoStats(): Promise<{ framesDecoded: number; bytesReceived: number } | null> | null };
  }
}

initI18n();
// An emergency offer rings louder and differently (repeated alarm), any other offer chimes.
const client = new ConsoleClient({ onOffer: (offer) => (isEmergency(offer.handoff) ? emergencyChime() : beep()), onCriticalAlert: alarm });
window.__consoleMedia = { inboundVideoStats: () => client.inboundVideoStats() };
client.resume();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientProvider client={client}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
