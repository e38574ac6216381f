import { describe, expect, it } from 'vitest';
import { citizenScreen, citizenWindowBounds } from '../../../electron/main/display-placement';

const officer = { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } };
const left = { id: 2, bounds: { x: -1920, y: 0, width: 1920, height: 1080 } };
const right = { id: 3, bounds: { x: 1366, y: 0, width: 1280, height: 1024 } };

describe('where the citizen display opens (Electron screens)', () => {
  it('never on the officer’s screen: none with a single screen', () => {
    expect(citizenScreen([officer], 1, null)).toBeNull();
    expect(citizenScreen([officer], 1, 1)).toBeNull();
  });
  it('on the screen chosen in the settings when it is connected, else the first other screen', () => {
    expect(citizenScreen([officer, left, right], 1, 3)).toBe(right);
    expect(citizenScreen([officer, left, right], 1, null)).toBe(left);
    expect(citizenScreen([officer, left, right], 1, 99)).toBe(left);
    expect(citizenScreen([left, officer], 1, 1)).toBe(left);
  });
  it('fills that screen, negative coordinates included', () => {
    expect(citizenWindowBounds(left)).toEqual({ x: -1920, y: 0, width: 1920, height: 1080 });
  });
});
