// A campaign's live figures on its page: the figures now on 'campaign:watch', then the server's
// coalesced 'campaign:figures' pushes. After a dropped connection it watches again (pushes sent
// meanwhile are gone).
import type { CampaignLiveFigures } from '@kefu/contract';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';
import { listen } from '../shared/socket-listeners.js';

export class CampaignLive {
  status = $state<'idle' | 'loading' | 'live' | 'error'>('idle');
  error = $state<unknown>(null);
  figures = $state.raw<CampaignLiveFigures | null>(null);

  constructor(private readonly campaignId: number) {}

  /** Starts watching on the session's connection; returns the function that stops. */
  attach(socket: KefuSocket): () => void {
    const stop = listen(socket, {
      'campaign:figures': (f: CampaignLiveFigures) => {
        if (f.campaignId === this.campaignId && this.status === 'live') this.figures = f;
      },
      reconnect: () => void this.#watch(socket),
    });
    void this.#watch(socket);
    return () => {
      stop();
      socket.emit('campaign:unwatch', { campaignId: this.campaignId }, () => {});
      this.status = 'idle';
    };
  }

  async #watch(socket: KefuSocket): Promise<void> {
    if (this.status !== 'live') this.status = 'loading';
    this.error = null;
    try {
      this.figures = await command<CampaignLiveFigures>((done) => socket.emit('campaign:watch', { campaignId: this.campaignId }, done));
      this.status = 'live';
    } catch (e) {
      this.error = e;
      this.status = 'error';
    }
  }
}
