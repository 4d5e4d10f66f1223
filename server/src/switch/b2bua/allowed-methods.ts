/** The methods the switch handles, for Allow headers (OPTIONS, 405, 501). */
export const ALLOW = 'INVITE, ACK, CANCEL, BYE, INFO, OPTIONS';
