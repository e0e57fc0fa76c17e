import type { Caller } from '../../access/authorize.ts';
import type { CastingService } from './service.ts';

const MOVIES: [string, string, string[], number, number][] = [
  ['The Long Night Shift', '2019-03-14', ['drama'], 1499, 12],
  ['Harbour Lights', '2021-07-02', ['romance', 'drama'], 1299, 8],
  ['Seven Bridges', '2017-10-20', ['thriller'], 999, 20],
  ['Paper Moons', '2023-02-10', ['comedy'], 1799, 15],
  ['The Cartographer', '2015-05-29', ['adventure', 'drama'], 899, 5],
  ['Static', '2022-11-04', ['science fiction'], 1599, 10],
  ['Winter Orchard', '2020-01-17', ['drama', 'family'], 1199, 9],
  ['Low Tide', '2018-08-24', ['thriller', 'mystery'], 999, 14],
  ['A Quiet Riot', '2024-04-12', ['comedy', 'music'], 1899, 25],
  ['Northern Line', '2016-09-09', ['crime'], 799, 3],
  ['Glass Houses', '2025-06-20', ['drama'], 1999, 30],
  ['The Understudy', '2014-12-05', ['comedy', 'drama'], 699, 7],
];

const ACTORS: [string, number, string][] = [
  ['Amara Okafor', 34, 'female'],
  ['Jonas Lindqvist', 47, 'male'],
  ['Priya Raman', 29, 'female'],
  ['Mateo Alvarez', 38, 'male'],
  ['Hannah Becker', 52, 'female'],
  ['Kenji Watanabe', 41, 'male'],
  ['Sofia Rossi', 26, 'female'],
  ['Elliot Grant', 63, 'male'],
  ['Noor Haddad', 31, 'non-binary'],
  ['Lucas Moreau', 45, 'male'],
];

const CHARACTERS = [
  'the detective',
  'the stranger',
  'the sister',
  'the captain',
  'the mayor',
  'the pianist',
  'the driver',
];

/** A believable catalogue: movies, actors, and a cast of three to four for each movie. */
export async function seedCasting(casting: CastingService, actor: Caller): Promise<void> {
  const actorIds: number[] = [];
  for (const [name, age, gender] of ACTORS) actorIds.push((await casting.createActor(actor, { name, age, gender })).id);
  for (const [index, [title, releaseDate, genres, priceCents, stock]] of MOVIES.entries()) {
    const movie = await casting.createMovie(actor, { title, releaseDate, genres, priceCents, stock });
    const size = 3 + (index % 2);
    for (let billing = 1; billing <= size; billing++) {
      const actorId = actorIds[(index * 3 + billing) % actorIds.length]!;
      const character = CHARACTERS[(index + billing) % CHARACTERS.length]!;
      await casting.castActor(actor, movie.id, actorId, { character, billing });
    }
  }
}
