// Query keys come from call names: an invalidation reaches every read of the calls it names
// (any input), or of a whole capability with 'sync.*', and nothing else.
import { describe, expect, it } from 'vitest';
import { isReadOf, queryKeys } from '../../../renderer/src/api/queryKeys';

describe('query keys', () => {
  it('are the call name and its input; a Result read is a separate entry of the same call', () => {
    expect(queryKeys.call('sync.items', { filter: 'fallidos', limit: 100 })).toEqual(['sync.items', { filter: 'fallidos', limit: 100 }]);
    expect(queryKeys.result('sync.lookupEmployer', { ruc: '1790012345001' })).toEqual(['sync.lookupEmployer', { ruc: '1790012345001' }, 'result']);
    // @ts-expect-error a call that does not exist is not a key
    queryKeys.call('sync.itemz', {});
  });

  it('a capability target reaches its calls only, not one whose name merely starts alike', () => {
    expect(isReadOf(['sync.status', {}], ['sync.*'])).toBe(true);
    expect(isReadOf(['status.summary', {}], ['sync.*'])).toBe(false);
    expect(isReadOf(['status.summary', {}], ['sync.*', 'status.summary'])).toBe(true);
    expect(isReadOf(['users.list', {}], ['users.create' as never])).toBe(false);
  });

  it('a call target reaches every input of that call and no other call', () => {
    const reads = [queryKeys.call('queues.list', { queue: 'por_revisar' }), queryKeys.call('queues.list', { queue: 'devueltas' }), queryKeys.call('queues.summary', {}), queryKeys.call('users.list', {})];
    expect(reads.map((k) => isReadOf(k, ['queues.list', 'queues.summary']))).toEqual([true, true, true, false]);
    expect(isReadOf(queryKeys.result('sync.lookupEmployer', { ruc: '1790012345001' }), ['sync.lookupEmployer'])).toBe(true);
  });
});
