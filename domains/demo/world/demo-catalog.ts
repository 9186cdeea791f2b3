// Small built-in lists the demo world draws from: enough variety to look real, no dependencies.

export const FIRST_NAMES = [
  "Anna", "Ben", "Chiara", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaito", "Lena",
  "Mateo", "Nora", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tereza", "Umar", "Vera", "Wei", "Yara",
  "Zoe", "Lukas", "Amara", "Emil", "Sofia", "Noah", "Mila", "Ravi",
] as const;

export const LAST_NAMES = [
  "Schmidt", "Rossi", "García", "Nowak", "Dubois", "Jensen", "Kowalski", "Silva", "Yilmaz", "Novak",
  "Tanaka", "Okafor", "Müller", "Larsen", "Costa", "Fischer", "Haddad", "Ivanova", "Moreau", "Nakamura",
  "O'Brien", "Petrov", "Quinn", "Berg", "Sato", "Lindqvist", "Mendes", "Weber",
] as const;

export const EMAIL_DOMAINS = ["example.com", "mail.example", "post.example.org", "inbox.example.net"] as const;

export const COUNTRIES = ["DE", "FR", "IT", "ES", "NL", "PL", "SE", "DK", "PT", "IE", "GB", "US", "JP", "BR"] as const;

export const BIOS = [
  "Coffee first.", "Weekend cyclist.", "Collects vinyl.", "Runs a small bakery.", "Learning Japanese.",
  "Plant parent.", "Amateur astronomer.", "Board game night organiser.",
] as const;

/** Tick symbols: start price, decimals, per-tick volatility and share of the tick volume. */
export const SYMBOLS = [
  { symbol: "AAPL", price: 190, decimals: 2, sigma: 0.0006, share: 1 },
  { symbol: "MSFT", price: 420, decimals: 2, sigma: 0.0005, share: 1 },
  { symbol: "NVDA", price: 120, decimals: 2, sigma: 0.0009, share: 1.1 },
  { symbol: "TSLA", price: 240, decimals: 2, sigma: 0.0011, share: 1 },
  { symbol: "AMZN", price: 185, decimals: 2, sigma: 0.0006, share: 0.9 },
  { symbol: "EURUSD", price: 1.085, decimals: 5, sigma: 0.0002, share: 1.2 },
  { symbol: "BTCUSD", price: 64000, decimals: 2, sigma: 0.0012, share: 2 },
  { symbol: "ETHUSD", price: 3100, decimals: 2, sigma: 0.0014, share: 1.5 },
] as const;

export const PRODUCTS = [
  { sku: "SKU-MUG-01", price: 12.5 }, { sku: "SKU-TEE-02", price: 24 }, { sku: "SKU-HOOD-03", price: 59 },
  { sku: "SKU-CAP-04", price: 19.9 }, { sku: "SKU-BAG-05", price: 45 }, { sku: "SKU-BOTTLE-06", price: 17.5 },
  { sku: "SKU-NOTE-07", price: 8.9 }, { sku: "SKU-LAMP-08", price: 89 }, { sku: "SKU-DESK-09", price: 349 },
  { sku: "SKU-CHAIR-10", price: 229 }, { sku: "SKU-SOCK-11", price: 9.5 }, { sku: "SKU-PEN-12", price: 3.2 },
] as const;

export const DISCOUNT_CODES = [
  { code: "WELCOME10", off: 0.1 }, { code: "SPRING15", off: 0.15 }, { code: "LOYAL5", off: 0.05 },
  { code: "FREESHIP", off: 0.03 },
] as const;

/** The code everybody used on the spike day (a flash sale is what the spike looks like from outside). */
export const FLASH_CODE = { code: "FLASH50", off: 0.5 } as const;

export const CARRIERS = ["DHL", "UPS", "PostNL", "GLS", "DPD"] as const;
export const PAYMENT_METHODS = ["card", "card", "card", "wallet", "invoice"] as const;
export const CANCEL_REASONS = ["customer changed mind", "duplicate order", "address not deliverable"] as const;
export const CURRENCIES = ["EUR", "EUR", "USD", "GBP"] as const;
