import { DataSource } from 'typeorm';

/**
 * Runs `work` while every connection of the pool but one is held by an open transaction, as
 * when as many listeners or jobs run at once as the pool has connections: code that holds a
 * transaction and then asks the pool for a second connection fails with the acquire timeout.
 */
export async function withOneConnectionLeft<T>(dataSource: DataSource, poolSize: number, work: () => Promise<T>) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started: Array<Promise<void>> = [];
  const holders: Array<Promise<void>> = [];
  for (let i = 1; i < poolSize; i++) {
    let begun!: () => void;
    started.push(new Promise<void>((resolve) => (begun = resolve)));
    holders.push(
      dataSource.transaction(async (em) => {
        await em.query('SELECT 1');
        begun();
        await gate;
      }),
    );
  }
  await Promise.all(started);
  try {
    return await work();
  } finally {
    release();
    await Promise.all(holders);
  }
}
