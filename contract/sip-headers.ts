// The headers the kefu switch puts on SIP messages so the softphone can match a call to what the
// server said about it. Plain constants without zod, so the softphone bundle imports only these.

/** On an offer's INVITE to the agent (and on an outbound campaign INVITE): the call log row. */
export const HEADER_INTERACTION_ID = 'X-Kefu-Interaction-Id';
/** On every response and request of a call through the switch: the switch's own call id. */
export const HEADER_CALL_ID = 'X-Kefu-Call-Id';
/**
 * On the agent's consult INVITE (a second call from their web phone while the caller is held):
 * the switch's id of the caller's call it consults about. The switch rings the colleague the
 * server chose for that consult, whatever the Request-URI says.
 */
export const HEADER_CONSULT_OF = 'X-Kefu-Consult-Of';
