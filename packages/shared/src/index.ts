export * from './common.ts';
export * from './records.ts';
export * from './protocol/ack.ts';
export * from './protocol/media.ts';
export * from './protocol/kiosk.ts';
export * from './protocol/console.ts';
export * from './protocol/robot.ts';
export * from './protocol/fleet.ts';
