import { describe, expect, it } from 'vitest';
import { separateClubs } from './club-separation.ts';
import { ValidationError } from './errors.ts';
import { knockout } from './formats/knockout.ts';
import { readParticipant, seedingOrder } from './participants.ts';

describe('readParticipant', () => {
  it('trims, reads an empty rating or club as none, and a rating as a whole number', () => {
    expect(readParticipant({ name: '  Ann Lee ', rating: ' 1850 ', club: ' Hastings ' }, '')).toEqual({ name: 'Ann Lee', rating: 1850, club: 'Hastings' });
    expect(readParticipant({ name: 'Ben', rating: '', club: '' }, '')).toEqual({ name: 'Ben', rating: null, club: null });
    expect(readParticipant({ name: 'Cat', rating: 2100 }, '')).toEqual({ name: 'Cat', rating: 2100, club: null });
  });

  it.each([
    [{ name: '' }, 'participants[2].name', 'is required'],
    [{ name: 'x'.repeat(201) }, 'participants[2].name', 'must be at most 200 characters'],
    [{ name: 'a\u0000b' }, 'participants[2].name', 'must not contain control characters'],
    [{ name: 'Dan', rating: '18.5' }, 'participants[2].rating', 'must be a whole number from 0 to 9999, got "18.5"'],
    [{ name: 'Dan', rating: 10_000 }, 'participants[2].rating', 'must be a whole number from 0 to 9999'],
    [{ name: 'Dan', club: 'c'.repeat(201) }, 'participants[2].club', 'must be at most 200 characters'],
  ])('refuses %j naming the field', (fields, field, reason) => {
    expect(() => readParticipant(fields, 'participants[2]')).toThrow(new ValidationError(field, reason));
  });
});

describe('seedingOrder', () => {
  const people = [
    { playerId: 10, rating: 1500, entryNumber: 3, seed: 1 },
    { playerId: 11, rating: null, entryNumber: 1, seed: 2 },
    { playerId: 12, rating: 2000, entryNumber: 2, seed: 3 },
    { playerId: 13, rating: 1500, entryNumber: 4, seed: 4 },
  ];

  it('orders by entry, or by rating highest first with the unrated last and ties by seed', () => {
    expect(seedingOrder(people, 'order')).toEqual([11, 12, 10, 13]);
    expect(seedingOrder(people, 'rating')).toEqual([12, 10, 13, 11]);
  });

  it('draws at random, the same for the same seed', () => {
    const a = seedingOrder(people, 'random', 42);
    expect(seedingOrder(people, 'random', 42)).toEqual(a);
    expect([...a].sort()).toEqual([10, 11, 12, 13]);
    const draws = new Set(Array.from({ length: 20 }, (_, seed) => seedingOrder(people, 'random', seed).join()));
    expect(draws.size).toBeGreaterThan(5);
  });
});

describe('separate_clubs', () => {
  const clubs: Record<number, string | null> = {};
  const entrants = Array.from({ length: 12 }, (_, i) => ({ playerId: i + 1, seed: i + 1, club: null as string | null }));

  it('moves a lower-half seed to the nearest place that keeps two club-mates apart in round 1', () => {
    // Seeds 5 and 12 meet in round 1 of 16 lines (byes for 1-4); both from Hastings.
    const field = entrants.map((e) => ({ ...e, club: e.seed === 5 || e.seed === 12 ? 'Hastings' : e.seed === 11 ? 'Hastings ' : null }));
    const plain = knockout.plan(field, { third_place_playoff: true, separate_clubs: false });
    const pairs = (s: typeof plain) => s.filter((x) => x.round === 1).map((x) => x.participants.join('-'));
    expect(pairs(plain)).toEqual(['8-9', '5-12', '7-10', '6-11']);
    const apart = knockout.plan(field, { third_place_playoff: true, separate_clubs: true });
    // 12 swaps with 10 (nearest lower-half seed whose partner is not of Hastings; 11 is, "hastings " trimmed).
    expect(pairs(apart)).toEqual(['8-9', '5-10', '7-12', '6-11']);
  });

  it('leaves the clash it cannot remove and reports it', () => {
    const lines = [1, 4, 2, 3];
    Object.assign(clubs, { 1: 'A', 2: 'A', 3: 'A', 4: 'A' });
    expect(separateClubs(lines, (id) => id, (id) => clubs[id])).toBe(2);
    expect(lines).toEqual([1, 4, 2, 3]);
  });
});
