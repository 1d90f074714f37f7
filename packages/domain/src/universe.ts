/** A tradable instrument of the simulated universe with a reference price. */
export interface UniverseEntry {
  symbol: string;
  name: string;
  kind: 'stock' | 'etf';
  refPrice: string;
  adv: number;
}

/** ~30 liquid US equities and ETFs with plausible reference prices and daily volumes. */
export const UNIVERSE: readonly UniverseEntry[] = [
  { symbol: 'AAPL', name: 'Apple Inc.', kind: 'stock', refPrice: '234.10', adv: 52_000_000 },
  { symbol: 'MSFT', name: 'Microsoft Corp.', kind: 'stock', refPrice: '421.50', adv: 21_000_000 },
  { symbol: 'NVDA', name: 'NVIDIA Corp.', kind: 'stock', refPrice: '131.80', adv: 240_000_000 },
  { symbol: 'AMZN', name: 'Amazon.com Inc.', kind: 'stock', refPrice: '201.30', adv: 41_000_000 },
  {
    symbol: 'GOOGL',
    name: 'Alphabet Inc. Class A',
    kind: 'stock',
    refPrice: '176.40',
    adv: 27_000_000,
  },
  {
    symbol: 'META',
    name: 'Meta Platforms Inc.',
    kind: 'stock',
    refPrice: '583.20',
    adv: 13_000_000,
  },
  { symbol: 'TSLA', name: 'Tesla Inc.', kind: 'stock', refPrice: '338.60', adv: 95_000_000 },
  {
    symbol: 'JPM',
    name: 'JPMorgan Chase & Co.',
    kind: 'stock',
    refPrice: '243.90',
    adv: 9_000_000,
  },
  { symbol: 'V', name: 'Visa Inc.', kind: 'stock', refPrice: '311.70', adv: 6_500_000 },
  { symbol: 'XOM', name: 'Exxon Mobil Corp.', kind: 'stock', refPrice: '119.40', adv: 15_000_000 },
  { symbol: 'JNJ', name: 'Johnson & Johnson', kind: 'stock', refPrice: '154.80', adv: 7_000_000 },
  { symbol: 'PG', name: 'Procter & Gamble Co.', kind: 'stock', refPrice: '171.20', adv: 6_800_000 },
  {
    symbol: 'UNH',
    name: 'UnitedHealth Group Inc.',
    kind: 'stock',
    refPrice: '598.30',
    adv: 3_600_000,
  },
  { symbol: 'HD', name: 'Home Depot Inc.', kind: 'stock', refPrice: '412.60', adv: 3_400_000 },
  { symbol: 'KO', name: 'Coca-Cola Co.', kind: 'stock', refPrice: '63.90', adv: 13_000_000 },
  { symbol: 'PEP', name: 'PepsiCo Inc.', kind: 'stock', refPrice: '158.70', adv: 6_000_000 },
  {
    symbol: 'COST',
    name: 'Costco Wholesale Corp.',
    kind: 'stock',
    refPrice: '912.40',
    adv: 2_000_000,
  },
  { symbol: 'WMT', name: 'Walmart Inc.', kind: 'stock', refPrice: '86.20', adv: 15_000_000 },
  {
    symbol: 'BAC',
    name: 'Bank of America Corp.',
    kind: 'stock',
    refPrice: '46.10',
    adv: 38_000_000,
  },
  { symbol: 'DIS', name: 'Walt Disney Co.', kind: 'stock', refPrice: '114.80', adv: 9_500_000 },
  { symbol: 'NFLX', name: 'Netflix Inc.', kind: 'stock', refPrice: '876.50', adv: 3_200_000 },
  {
    symbol: 'AMD',
    name: 'Advanced Micro Devices Inc.',
    kind: 'stock',
    refPrice: '138.20',
    adv: 45_000_000,
  },
  { symbol: 'INTC', name: 'Intel Corp.', kind: 'stock', refPrice: '24.30', adv: 70_000_000 },
  { symbol: 'CRM', name: 'Salesforce Inc.', kind: 'stock', refPrice: '331.40', adv: 6_000_000 },
  { symbol: 'ORCL', name: 'Oracle Corp.', kind: 'stock', refPrice: '189.70', adv: 9_000_000 },
  {
    symbol: 'SPY',
    name: 'SPDR S&P 500 ETF Trust',
    kind: 'etf',
    refPrice: '598.40',
    adv: 48_000_000,
  },
  { symbol: 'QQQ', name: 'Invesco QQQ Trust', kind: 'etf', refPrice: '509.80', adv: 33_000_000 },
  {
    symbol: 'IWM',
    name: 'iShares Russell 2000 ETF',
    kind: 'etf',
    refPrice: '238.60',
    adv: 30_000_000,
  },
  {
    symbol: 'TLT',
    name: 'iShares 20+ Year Treasury Bond ETF',
    kind: 'etf',
    refPrice: '92.40',
    adv: 35_000_000,
  },
  { symbol: 'GLD', name: 'SPDR Gold Shares', kind: 'etf', refPrice: '245.70', adv: 8_000_000 },
];
