// Purchases, RFM and segments messages in English (spread into messages.en.ts).
export const SEGMENT_MESSAGES_EN = {
  'purchase.columnMissing': "The file has no '{column}' column; name the column that holds it",
  'rfm.alreadyRunning': 'The RFM scores are being computed already; try again in a moment',
} as const;
