import { describe, expect, it } from 'vitest';
import { emptyMap, own, setOwn } from './records';

/* The null-prototype maps of the state: a key from outside is an ordinary entry, whatever it spells. */

describe('setOwn and own', () => {
  it('keep __proto__ as an ordinary entry that can be set again and listed', () => {
    const map = emptyMap<number>();
    setOwn(map, '__proto__', 1);
    map['__proto__'] = 2; // an assignment, as a copy of the map would make
    setOwn(map, 'other', 3);
    expect(own(map, '__proto__')).toBe(2);
    expect(Object.entries(map)).toEqual([['__proto__', 2], ['other', 3]]);
    expect(Object.getPrototypeOf(map)).toBeNull();
  });

  it('find no inherited entry', () => {
    expect(own(emptyMap<number>(), 'toString')).toBeUndefined();
    expect(own({}, 'toString')).toBeUndefined();
  });
});
