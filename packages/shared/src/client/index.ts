/** Browser-side helpers shared by the kiosk renderer and the remote console. */
export * from './request.ts';
export * from './mediaClient.ts';
