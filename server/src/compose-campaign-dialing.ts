// The composition root's campaign-dialing part: the progressive and predictive dialers
// (campaigns/dialing) over the switch's outbound calls, reading the ACD's agents through the
// narrow AgentFloor port and following its agent facts. Part of the root with compose.ts:
// features never import it.
import { campaignRoom } from '../../contract/index.js';
import type { AgentRegistry } from './acd/agent-registry.js';
import type { CallFacts } from './acd/call-facts.js';
import type { Clock } from './platform/clock.js';
import type { Logger } from './platform/logger.js';
import type { KefuIo } from './platform/realtime/socket-server.js';
import type { OutboundDialing } from './switch/originate/outbound-ports.js';
import type { Services } from './compose-services.js';
import { CampaignRepository } from './campaigns/data/campaign.repository.js';
import { DialLogRepository } from './campaigns/data/dial-log.repository.js';
import { LeadWorkRepository } from './campaigns/data/lead-work.repository.js';
import { DialerService } from './campaigns/dialing/dialer.service.js';
import type { AgentFloor } from './campaigns/dialing/dialing-ports.js';
import { LeadAttempts } from './campaigns/dialing/lead-attempts.js';

/** The ACD's agents as the dialer sees them. */
export function agentFloorOf(agents: AgentRegistry): AgentFloor {
  return {
    stateOf(id) {
      const a = agents.get(id);
      if (!a) return 'away';
      if (agents.isFree(a)) return 'free';
      const s = a.status.state;
      return s === 'ringing' || s === 'on_call' || s === 'wrap_up' ? 'busy' : 'away';
    },
    idleSince: (id) => agents.get(id)?.idleSince ?? 0,
  };
}

export function createCampaignDialing(
  services: Services,
  o: { agents: AgentRegistry; facts: CallFacts; clock: Clock; log: Logger; outbound(): OutboundDialing | null; io(): KefuIo | null; callerId(): string },
): DialerService {
  const dialer = new DialerService({
    outbound: o.outbound,
    floor: agentFloorOf(o.agents),
    dials: new DialLogRepository(services.db),
    attempts: new LeadAttempts(services.db, new LeadWorkRepository(services.db)),
    dryRun: services.dryRun,
    clock: o.clock,
    log: o.log,
    callerId: o.callerId,
    campaigns: services.campaigns,
    campaignRows: new CampaignRepository(services.db),
    publish: (figures) => o.io()?.to(campaignRoom(figures.campaignId)).emit('campaign:figures', figures),
  });
  // After the fact's own subscribers: the dialer's moves (a call connected) make facts too.
  o.facts.subscribe((fact) => {
    if (fact.type === 'agent-state-changed' || fact.type === 'agent-reachability-changed') queueMicrotask(() => dialer.poke());
  });
  return dialer;
}
