import type { Caller } from '../../access/authorize.ts';
import { type DatabaseHandle, insertId, now } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { Conflict, NotFound } from '../../errors.ts';
import type { SavedViewCreateBody, SavedViewItem } from './schemas.ts';

/**
 * Saved views: each user's own named filters. No permission is needed: a user only ever reads, creates and deletes
 * their own (another's view is 404), and a view grants nothing — the list it filters still checks access.
 */
export class ViewsService {
  readonly #handle: DatabaseHandle;

  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
  }

  async list(actor: Caller, list?: string): Promise<SavedViewItem[]> {
    let query = this.#handle.db
      .selectFrom('savedViews')
      .select(['id', 'list', 'name', 'filter', 'sort', 'createdAt'])
      .where('userId', '=', actor.userId);
    if (list) query = query.where('list', '=', list);
    return query.orderBy('name').orderBy('id').execute();
  }

  async create(actor: Caller, body: SavedViewCreateBody): Promise<SavedViewItem> {
    const createdAt = now();
    const values = { list: body.list, name: body.name, filter: body.filter, sort: body.sort ?? null, createdAt };
    try {
      const id = await insertId(
        this.#handle.db.insertInto('savedViews').values({ ...values, userId: actor.userId }),
        this.#handle.dialect,
      );
      return { id, ...values };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new Conflict(`You already have a view named '${body.name}' for ${body.list}.`, 'view_exists', [
          { path: '/name', message: 'is already used by another of your views' },
        ]);
      }
      throw error;
    }
  }

  async remove(actor: Caller, id: number): Promise<void> {
    const result = await this.#handle.db
      .deleteFrom('savedViews')
      .where('id', '=', id)
      .where('userId', '=', actor.userId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new NotFound(`There is no view ${id} of yours.`);
  }
}
