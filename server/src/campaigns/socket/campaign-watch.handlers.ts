// A campaign page's live figures: whoever may see the campaign starts watching (the figures now
// come back in the ack, then 'campaign:figures' follows in the campaign's room) or stops.
import { CampaignWatchCommand, campaignRoom, type Me } from '../../../../contract/index.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { Logger } from '../../platform/logger.js';
import { command } from '../../platform/realtime/ack.js';
import { socketCommandContext } from '../../platform/realtime/socket-command-context.js';
import type { KefuSocket } from '../../platform/realtime/socket-server.js';
import type { DialerService } from '../dialing/dialer.service.js';

export interface CampaignWatchDeps {
  dialer: DialerService;
  audit: AuditRepository;
  log: Logger;
}

export function registerCampaignWatch(socket: KefuSocket, user: Me, d: CampaignWatchDeps): void {
  const ctx = socketCommandContext(socket, user, d.audit, d.log);
  const viewer = { id: user.id, role: user.role, teamId: user.teamId };
  socket.on(
    'campaign:watch',
    command(CampaignWatchCommand, ctx, async ({ campaignId }) => {
      // Refused (403/404) before joining: the room's pushes carry the campaign's figures.
      await d.dialer.figuresFor(viewer, campaignId);
      await socket.join(campaignRoom(campaignId));
      return d.dialer.figuresFor(viewer, campaignId);
    }),
  );
  socket.on(
    'campaign:unwatch',
    command(CampaignWatchCommand, ctx, async ({ campaignId }) => {
      await socket.leave(campaignRoom(campaignId));
      return { watching: false as const };
    }),
  );
}
