import type { Server } from 'socket.io';
import type { Logger } from '../logger.ts';

/** The part of a node-redis client used here. */
interface RedisClient {
  on(event: 'error', fn: (err: unknown) => void): unknown;
  connect(): Promise<unknown>;
  quit(): Promise<unknown>;
}

/** A socket.io server's Redis Streams adapter and its client. */
export interface RedisAdapterHandle {
  close(): Promise<void>;
}

/**
 * Puts every namespace of `io` on the maintained `@socket.io/redis-streams-adapter` (Redis
 * Streams; keeps connection state recovery across nodes): pushes to rooms, `fetchSockets`,
 * acknowledged broadcasts and `serverSideEmit` reach every node.
 * @throws when Redis does not answer within 3 s.
 */
export async function connectRedisAdapter(io: Server, url: string, log: Logger): Promise<RedisAdapterHandle> {
  // Loaded only for a cluster: one process needs neither package.
  const { createClient } = (await import('redis')) as unknown as { createClient: (o: unknown) => RedisClient };
  const { createAdapter } = (await import('@socket.io/redis-streams-adapter')) as unknown as { createAdapter: (c: unknown, o: unknown) => Parameters<Server['adapter']>[0] };
  const client = createClient({ url, socket: { connectTimeout: 3000, reconnectStrategy: (retries: number) => Math.min(retries * 200, 2000) } });
  client.on('error', (err: unknown) => log.warn({ err }, 'redis connection error'));
  await client.connect();
  io.adapter(createAdapter(client, { streamName: 'telekiosk', blockTimeInMs: 1000 }));
  log.info({ url: url.replace(/\/\/[^@]*@/, '//***@') }, 'socket.io on the Redis Streams adapter');
  return {
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
}
