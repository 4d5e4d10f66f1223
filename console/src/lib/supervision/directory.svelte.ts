// People and teams for the pickers (assignee, team), read once per signed-in user.
import type { UserOptions } from '@kefu/contract';
import { supervisionApi } from './supervision-api.js';

class Directory {
  users = $state.raw<UserOptions['users']>([]);
  teams = $state.raw<UserOptions['teams']>([]);
  #loadedFor: number | null = null;
  #pending: Promise<void> | null = null;

  /** Loads the lists unless they are loaded for this user already; failures leave them empty. */
  ensure(userId: number): Promise<void> {
    if (this.#loadedFor === userId) return Promise.resolve();
    if (this.#pending) return this.#pending;
    this.#pending = supervisionApi
      .directory()
      .then((d) => {
        this.users = [...d.users].sort((a, b) => a.displayName.localeCompare(b.displayName));
        this.teams = [...d.teams].sort((a, b) => a.name.localeCompare(b.name));
        this.#loadedFor = userId;
      })
      .catch(() => {
        // The pickers then offer only "anyone", "me" and "unassigned"; the list still works.
      })
      .finally(() => (this.#pending = null));
    return this.#pending;
  }
}

export const directory = new Directory();
