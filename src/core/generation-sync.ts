import { randomUUID } from 'node:crypto';

import { createClient } from 'redis';

import type { DataGeneration } from './generation';
import type { Logger } from './logger';

/** Redis channel that carries changes between the processes of one deployment. */
export function generationChannel(keyPrefix: string): string {
  return `${keyPrefix}:generation`;
}

/** Kind of change a generation counts: `data` (the nomenclature) or `access` (accounts and keys). */
export type GenerationScope = 'data' | 'access';

/** The generations a process shares; `access` is optional. */
export type SharedGenerations = { data: DataGeneration; access?: DataGeneration };

interface ChangeMessage {
  origin: string;
  reason: string;
  /** Absent in messages of earlier versions, which only carried data changes. */
  scope?: GenerationScope;
}

type RedisClient = ReturnType<typeof createClient>;

interface LocalChange {
  reason: string;
  fromRemote: boolean;
}

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
 * Shares changes between processes through Redis pub/sub. Every local bump of a shared
 * generation is published with its scope. A message from another process bumps the local
 * generation of that scope with `fromRemote` set, which clears this process's in-memory
 * caches. A process ignores its own messages, recognised by a random id chosen at
 * start. Work registered with `beforePublish` runs before data changes are announced.
 */
export class GenerationSync {
  readonly processId = randomUUID();
  private publisher: RedisClient | null = null;
  private subscriber: RedisClient | null = null;
  private failing = false;
  private readonly beforePublishWork: (() => Promise<void>)[] = [];
  private readonly publishing = new Set<Promise<void>>();
  private readonly generations: [GenerationScope, DataGeneration][];
  private readonly listeners = new Map<GenerationScope, (change: LocalChange) => void>();
  private readonly channel: string;

  constructor(
    private readonly redisUrl: string,
    generations: DataGeneration | SharedGenerations,
    private readonly logger: Logger,
    keyPrefix = 'npp',
  ) {
    this.channel = generationChannel(keyPrefix);
    const shared = 'bump' in generations ? { data: generations } : generations;
    this.generations = Object.entries(shared).filter(
      (entry): entry is [GenerationScope, DataGeneration] => entry[1] !== undefined,
    );
  }

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
    for (const [scope, generation] of this.generations) {
      const listener = (change: LocalChange) => this.publishLocalChange(scope, change);
      this.listeners.set(scope, listener);
      generation.on('change', listener);
    }

    const subscribed = Promise.all([publisher.connect(), subscriber.connect()]).then(() =>
      subscriber.subscribe(this.channel, (message) => this.receive(message)),
    );
    if (await settlesWithin(subscribed, START_TIMEOUT_MS)) {
      this.logger.info({ channel: this.channel }, 'generation sync started');
    } else {
      this.logger.warn(
        { channel: this.channel, timeoutMs: START_TIMEOUT_MS },
        'generation sync could not reach Redis at start, retrying in the background',
      );
    }
  }

  /**
   * Waits up to `STOP_TIMEOUT_MS` for the changes still being published, which wait in the
   * client's queue while Redis is unreachable, then closes both connections.
   */
  async stop(): Promise<void> {
    for (const [scope, generation] of this.generations) {
      const listener = this.listeners.get(scope);
      if (listener) generation.off('change', listener);
    }
    this.listeners.clear();
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

  private publishLocalChange(scope: GenerationScope, change: LocalChange): void {
    if (change.fromRemote || !this.publisher) return;
    const publisher = this.publisher;
    const message: ChangeMessage = { origin: this.processId, reason: change.reason, scope };
    const work = scope === 'data' ? this.beforePublishWork : [];
    const publishing = Promise.all(work.map((run) => run()))
      .then(() => publisher.publish(this.channel, JSON.stringify(message)))
      .then(() => undefined)
      .catch((error: Error) => {
        this.logger.warn(
          { err: error, reason: change.reason },
          'could not publish a data change to the other processes',
        );
      })
      .finally(() => this.publishing.delete(publishing));
    this.publishing.add(publishing);
  }

  private receive(raw: string): void {
    let message: ChangeMessage;
    try {
      message = JSON.parse(raw) as ChangeMessage;
    } catch (error) {
      this.logger.warn({ err: error, channel: this.channel }, 'ignored an unreadable message');
      return;
    }
    if (message.origin === this.processId) return;
    const scope = message.scope ?? 'data';
    const generation = this.generations.find(([name]) => name === scope)?.[1];
    generation?.bump(String(message.reason ?? 'remote'), true);
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
    for (const [, generation] of this.generations) generation.bump('redis-reconnected', true);
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
