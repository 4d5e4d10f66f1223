// The headers the kefu switch puts on SIP messages so the softphone can match a call to what the
// server said about it. Plain constants without zod, so the softphone bundle imports only these.

/** On an offer's INVITE to the agent (and on an outbound campaign INVITE): the call log row. */
export const HEADER_INTERACTION_ID = 'X-Kefu-Interaction-Id';
/** On every response and request of a call through the switch: the switch's own call id. */
export const HEADER_CALL_ID = 'X-Kefu-Call-Id';
