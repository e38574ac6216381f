import { describe, expect, it } from 'vitest';
import { channelNames, displayChannelNames, displayEventNames, eventNameList, wireChannel } from '../../../electron/common/ipc/channel-names';
import { DISPLAY_CHANNELS, DISPLAY_EVENTS } from '../../../electron/common/ipc/display-contract';
import { channels, contract, eventNames, events } from '../../../electron/common/ipc/contract';

// The page's window.motcua is built from the name list, not from the contract (its schemas are most
// of a second to load on every page): the two must never differ.
describe('channel names without the schemas', () => {
  it('lists exactly the contract channels and events, in the contract order', () => {
    expect(channelNames).toEqual(Object.keys(contract));
    expect(channelNames).toEqual(channels);
    expect(eventNameList).toEqual(Object.keys(events));
    expect(eventNameList).toEqual(eventNames);
  });

  it('gives the citizen display exactly the channels and event its contract rows allow', () => {
    expect([...displayChannelNames].sort()).toEqual([...DISPLAY_CHANNELS].sort());
    expect([...displayEventNames]).toEqual([...DISPLAY_EVENTS]);
  });

  it('names a channel on the wire with the app prefix', () => {
    expect(wireChannel('auth.login')).toBe('motcua:auth.login');
  });
});
