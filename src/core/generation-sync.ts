import { randomUUID } from 'node:crypto';

import { createClient } from 'redis';

import type { DataGeneration } from './generation';
import type { Logger } from './logger';

/** Redis channel that carries data changes between the processes of one deployment. */
export const GENERATION_CHANNEL = 'npp:generation';

interface ChangeMessage {
  origin: string;
  reason: string;
}

type RedisClient = ReturnType<typeof createClient>;

/** How long `start` waits for Redis before letting the server start without it. */
const START_TIMEOUT_MS = 5000;

/** How long `stop` waits for changes not yet published. */
const STOP_TIMEOUT_MS = 2000;

/** Checks whether a promise resolves within a delay. A rejection counts as not settled in time. */
async function settlesWithin(promise: Promise<unknown>, delayMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), delayMs);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Shares data changes between processes through Redis pub/sub: every local bump of the
 * data generation is published, and a message from another process bumps the local
 * generation with `fromRemote` set, which clears this process's in-memory caches. A
 * process ignores its own messages, recognised by a random id chosen at start.
 */
export class GenerationSync {
  readonly processId = randomUUID();
  private publisher: RedisClient | null = null;
  private subscriber: RedisClient | null = null;
  private failing = false;
  private readonly beforePublishWork: (() => Promise<void>)[] = [];
  private readonly publishing = new Set<Promise<void>>();

  constructor(
    private readonly redisUrl: string,
    private readonly generation: DataGeneration,
    private readonly logger: Logger,
  ) {}

  /**
   * Connects both clients and subscribes. Resolves once messages can be received, or after
   * `START_TIMEOUT_MS` with a warning when Redis is unreachable: the clients keep retrying
   * in the background and the subscription starts when they connect.
   */
  async start(): Promise<void> {
    const publisher = createClient({ url: this.redisUrl });
    const subscriber = publisher.duplicate();
    for (const [role, client] of [
      ['publisher', publisher],
      ['subscriber', subscriber],
    ] as const) {
      client.on('error', (error: Error) => this.reportError(role, error));
      client.on('ready', () => this.reportReady(role));
    }
    this.publisher = publisher;
    this.subscriber = subscriber;
    this.generation.on('change', this.publishLocalChange);

    const subscribed = Promise.all([publisher.connect(), subscriber.connect()]).then(() =>
      subscriber.subscribe(GENERATION_CHANNEL, (message) => this.receive(message)),
    );
    if (await settlesWithin(subscribed, START_TIMEOUT_MS)) {
      this.logger.info({ channel: GENERATION_CHANNEL }, 'generation sync started');
    } else {
      this.logger.warn(
        { channel: GENERATION_CHANNEL, timeoutMs: START_TIMEOUT_MS },
        'generation sync could not reach Redis at start, retrying in the background',
      );
    }
  }

  /**
   * Waits up to `STOP_TIMEOUT_MS` for the changes still being published, which wait in the
   * client's queue while Redis is unreachable, then closes both connections.
   */
  async stop(): Promise<void> {
    this.generation.off('change', this.publishLocalChange);
    const pending = this.publishing.size;
    if (pending > 0 && !(await settlesWithin(Promise.all(this.publishing), STOP_TIMEOUT_MS))) {
      this.logger.warn({ pending }, 'generation sync stopped before publishing every change');
    }
    const clients = [this.subscriber, this.publisher].filter(
      (client): client is RedisClient => client !== null,
    );
    this.subscriber = null;
    this.publisher = null;
    await Promise.all(clients.map(closeClient));
    this.logger.info('generation sync stopped');
  }

  /**
   * Adds work to finish before a local change is announced, such as writing a shared cache
   * epoch, so that another process never reacts to a change before that work is done.
   */
  beforePublish(work: () => Promise<void>): void {
    this.beforePublishWork.push(work);
  }

  private readonly publishLocalChange = (change: { reason: string; fromRemote: boolean }) => {
    if (change.fromRemote || !this.publisher) return;
    const publisher = this.publisher;
    const message: ChangeMessage = { origin: this.processId, reason: change.reason };
    const publishing = Promise.all(this.beforePublishWork.map((work) => work()))
      .then(() => publisher.publish(GENERATION_CHANNEL, JSON.stringify(message)))
      .then(() => undefined)
      .catch((error: Error) => {
        this.logger.warn(
          { err: error, reason: change.reason },
          'could not publish a data change to the other processes',
        );
      })
      .finally(() => this.publishing.delete(publishing));
    this.publishing.add(publishing);
  };

  private receive(raw: string): void {
    let message: ChangeMessage;
    try {
      message = JSON.parse(raw) as ChangeMessage;
    } catch (error) {
      this.logger.warn(
        { err: error, channel: GENERATION_CHANNEL },
        'ignored an unreadable message',
      );
      return;
    }
    if (message.origin === this.processId) return;
    this.generation.bump(String(message.reason ?? 'remote'), true);
  }

  /** Logs the first error of a failure streak only, since the client retries on its own. */
  private reportError(role: string, error: Error): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn({ err: error, role }, 'generation sync lost Redis, retrying');
  }

  /**
   * Bumps the local generation after a reconnection, because changes published while the
   * connection was down were never received.
   */
  private reportReady(role: string): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.info({ role }, 'generation sync reconnected to Redis');
    this.generation.bump('redis-reconnected', true);
  }
}

/** Quits cleanly when connected, else drops the connection attempts. Errors are swallowed. */
async function closeClient(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  try {
    if (client.isReady) await client.quit();
    else await client.disconnect();
  } catch {
    // The connection is going away either way.
  }
}
