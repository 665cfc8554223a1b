import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallSlots } from '../../src/apply/call-slots.ts';

describe('CallSlots', () => {
  it('hands out at most its size, and serves a stage going on before one starting', async () => {
    const slots = new CallSlots(1);
    const order: string[] = [];
    await slots.acquire('start');
    const starting = slots.acquire('start').then(() => order.push('start'));
    const resuming = slots.acquire('resume').then(() => order.push('resume'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [], 'both wait while the one slot is held');
    slots.release();
    await resuming;
    assert.deepEqual(order, ['resume']);
    slots.release();
    await starting;
    assert.deepEqual(order, ['resume', 'start']);
  });
});
