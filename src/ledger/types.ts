// The reserve ledger's vocabulary: who acts (Actor), what happened (LedgerEvent, append-only), what
// is asked (Command) and what it all adds up to (LedgerState). Quantities are contained metric tons,
// money is US dollars, business dates are ISO 8601 (a date-time on events, a YYYY-MM-DD day for
// expiry and prices).

export type Role = "operator" | "auditor" | "analyst" | "member";
export const ROLES: readonly Role[] = ["operator", "auditor", "analyst", "member"];

/** Who issues a command or reads a report; `member` is the member id a member actor speaks for. */
export interface Actor {
  id: string;
  role: Role;
  member?: string;
}

/** Crisis priority classes, highest first: a class gets stock only once every higher class is filled. */
export type Priority = "defence" | "critical-infrastructure" | "commercial";
export const PRIORITIES: readonly Priority[] = ["defence", "critical-infrastructure", "commercial"];

/** How a member pays for what it draws: a fixed price, the lots' acquisition cost plus a margin, or the market price plus a premium (USD/t; margin and premium as fractions, 0.1 = 10 %). */
export type PriceRule = { kind: "fixed"; price: number } | { kind: "cost-plus"; margin: number } | { kind: "market"; premium: number };

/** An entitlement's size: tons a year, or days of the member's own supply (its annual tons × days / 365). */
export type EntitlementBasis = { kind: "tons"; tonsPerYear: number } | { kind: "days"; days: number; supplyTonsPerYear: number };

/** What a new lot is: the same fields whether it comes from a receipt or a rotation. */
export interface LotSpec {
  lot: string;
  mineral: string;
  form: string;
  spec: string;
  tons: number;
  location: string;
  /** total acquisition cost, USD */
  cost: number;
  contract: string;
  /** shelf life end or re-assay date (YYYY-MM-DD): from that day on the lot may not be released */
  expires?: string;
}

/** Tons released from one lot for a draw, and the price charged for them (USD/t). */
export interface LotTons {
  lot: string;
  tons: number;
}
export interface ReleasedTons extends LotTons {
  price: number;
}

/** The data each event type carries. The union below ties `type` to its data. */
export interface EventData {
  "member.registered": { member: string; name: string };
  "entitlement.set": { member: string; mineral: string; basis: EntitlementBasis; tonsPerYear: number; priceRule: PriceRule; priority: Priority };
  "fee.paid": { member: string; amount: number; period: string };
  "acquisition.ordered": { order: string; mineral: string; form: string; spec: string; tons: number; price: number; contract: string; plan?: string };
  "acquisition.received": { order: string } & LotSpec;
  "acquisition.cancelled": { order: string; tons: number; reason: string };
  "draw.requested": { draw: string; member: string; mineral: string; tons: number };
  "draw.approved": { draw: string; tons: number };
  "draw.refused": { draw: string; reason: string };
  /** `market`: the price a market-priced release was charged at, and where it came from (the ledger's price.set, or the dataset's when the ledger has none as recent) */
  "draw.released": { draw: string; lots: ReleasedTons[]; amount: number; market?: MarketPriceUsed };
  "draw.delivered": { draw: string };
  "draw.returned": { draw: string; lot: string; tons: number };
  "lot.transferred": { lot: string; from: string; to: string };
  "lot.written_off": { lot: string; tons: number; reason: string };
  "lot.reassayed": { lot: string; tons: number; spec: string; expires?: string };
  "lot.rotated": { lot: string; tons: number; into: LotSpec };
  "price.set": { mineral: string; date: string; price: number; source: string };
  "allocation.rule_set": AllocationRuleData;
}
export type EventType = keyof EventData;
export const EVENT_TYPES: readonly EventType[] = [
  "member.registered",
  "entitlement.set",
  "fee.paid",
  "acquisition.ordered",
  "acquisition.received",
  "acquisition.cancelled",
  "draw.requested",
  "draw.approved",
  "draw.refused",
  "draw.released",
  "draw.delivered",
  "draw.returned",
  "lot.transferred",
  "lot.written_off",
  "lot.reassayed",
  "lot.rotated",
  "price.set",
  "allocation.rule_set",
];

interface EventHead {
  /** 1, 2, 3 … assigned by the store on append (0 before) */
  seq: number;
  /** ISO 8601 date-time of the business event */
  at: string;
  /** Actor.id */
  actor: string;
  /** the command's idempotency key (every event of one command shares it) */
  key: string;
}
/** One entry of the append-only log: a closed union, `type` selects the shape of `data`. */
export type LedgerEvent = { [T in EventType]: EventHead & { type: T; data: EventData[T] } }[EventType];
export type EventOf<T extends EventType> = Extract<LedgerEvent, { type: T }>;

/** Commands: what an actor asks for. `at` (ISO date or date-time) defaults to decide's `now` (the shell's clock; a member's `at` must lie within minutes of it, see checkDate); ids left out are numbered from the state. */
interface CommandHead {
  at?: string;
}
export type Command = CommandHead &
  (
    | { type: "register-member"; member: string; name: string }
    | { type: "set-entitlement"; member: string; mineral: string; basis: EntitlementBasis; priceRule: PriceRule; priority: Priority }
    | { type: "pay-fee"; member: string; amount: number; period: string }
    | { type: "order"; order?: string; mineral: string; form: string; spec: string; tons: number; price: number; contract: string; plan?: string }
    | { type: "receive"; order: string; lot?: string; tons: number; location: string; cost?: number; expires?: string }
    | { type: "cancel-order"; order: string; tons?: number; reason: string }
    | { type: "request-draw"; draw?: string; member?: string; mineral: string; tons: number }
    | { type: "approve-draw"; draw: string; tons?: number }
    | { type: "refuse-draw"; draw: string; reason: string }
    | { type: "release"; draw: string; lots?: LotTons[]; tons?: number }
    | { type: "deliver"; draw: string }
    | { type: "return"; draw: string; lot?: string; tons: number }
    | { type: "transfer"; lot: string; to: string }
    | { type: "write-off"; lot: string; tons: number; reason: string }
    | { type: "reassay"; lot: string; tons?: number; spec?: string; expires?: string }
    | { type: "rotate"; lot: string; tons: number; into: Omit<LotSpec, "mineral" | "lot"> & { lot?: string } }
    | { type: "set-price"; mineral: string; date: string; price: number; source: string }
    | {
        type: "set-allocation-rule";
        mineral: string;
        /** "on" (default): releases of the mineral are held to the members' allocated shares; "off": not (a mineral with no rule declared is on, with no floors) */
        status?: "on" | "off";
        /** the stock floor in tons, or … */
        stockFloorTons?: number;
        /** … in days of the mineral's demand (demandTonsPerMonth, else the dataset's d0 from decide's inputs) */
        stockFloorDays?: number;
        demandTonsPerMonth?: number;
        /** tons each member gets first when its class runs short (default 0) */
        memberFloor?: number;
        /** a member's own floor in place of memberFloor: { member: tons } */
        memberFloors?: Record<string, number>;
      }
  );
export type CommandType = Command["type"];

/** One dated change of a lot's tons (for as-of positions and the lot's audit trail). */
export interface LotMove {
  seq: number;
  at: string;
  tons: number;
  type: EventType;
}

export interface Lot {
  id: string;
  order: string;
  mineral: string;
  form: string;
  spec: string;
  location: string;
  contract: string;
  cost: number;
  /** receipt (or rotation) date-time */
  at: string;
  /** date-time of the latest movement (kept as events apply: later movements may not be dated before it) */
  last: string;
  expires?: string;
  /** contained tons now held */
  tons: number;
  /** tons put in at receipt or rotation */
  received: number;
  released: number;
  returned: number;
  writtenOff: number;
  rotatedOut: number;
  /** net change by re-assays */
  reassayed: number;
  moves: LotMove[];
}

export interface Order {
  id: string;
  mineral: string;
  form: string;
  spec: string;
  tons: number;
  price: number;
  contract: string;
  plan?: string;
  at: string;
  received: number;
  cancelled: number;
  lots: string[];
}

export interface Member {
  id: string;
  name: string;
  at: string;
  fees: number;
  /** every fee.paid, in order */
  payments: { at: string; amount: number; period: string }[];
}

export interface Entitlement {
  member: string;
  mineral: string;
  basis: EntitlementBasis;
  tonsPerYear: number;
  priceRule: PriceRule;
  priority: Priority;
  at: string;
  /** tons charged against the entitlement by calendar year of the request (pending, approved or drawn, less returns) */
  used: Record<string, number>;
}

export type DrawStatus = "requested" | "approved" | "refused" | "released" | "delivered";

export interface Draw {
  id: string;
  member: string;
  mineral: string;
  /** date-time of the request: its calendar year is the entitlement year it counts in */
  at: string;
  requested: number;
  approved: number;
  status: DrawStatus;
  reason?: string;
  released: number;
  returned: number;
  /** tons released per lot, net of returns */
  lots: Record<string, number>;
  amount: number;
}

export interface PricePoint {
  mineral: string;
  date: string;
  price: number;
  source: string;
}

export interface LedgerState {
  lots: Map<string, Lot>;
  orders: Map<string, Order>;
  members: Map<string, Member>;
  /** keyed `${member}/${mineral}` */
  entitlements: Map<string, Entitlement>;
  draws: Map<string, Draw>;
  /** per mineral: tons held in all its lots, and tons drawn (released less returned), kept as events apply */
  minerals: Map<string, { tons: number; drawn: number }>;
  /** price.set entries, sorted by mineral then date (a later entry for the same day replaces the earlier) */
  prices: PricePoint[];
  /** the crisis allocation rule declared per mineral (the latest allocation.rule_set) */
  allocationRules: Map<string, DeclaredAllocationRule>;
  /** per mineral: the ids of its lots, and of its open draws (approved, not all of it released); kept as events apply, so a release's allocation check reads the mineral's own, not every lot and draw */
  mineralLots: Map<string, string[]>;
  openDraws: Map<string, Set<string>>;
  /** seq of the last event applied (0 when empty) */
  seq: number;
}

/** A market-priced release's price: USD/t before the premium, its date and source, and whether it is the ledger's own (price.set) or the dataset's. */
export interface MarketPriceUsed {
  date: string;
  price: number;
  source: string;
  from: "ledger" | "dataset";
  premium: number;
}

/** How a stock floor was declared: in tons, or in days of demand (turned into tons when declared, at the demand stated). */
export type StockFloorBasis = { kind: "tons" } | { kind: "days"; days: number; demandTonsPerMonth: number; source: string };

/** A mineral's crisis allocation rule as declared (the allocation.rule_set event): strict priority classes and pro rata to entitlement are fixed; the floors are declared. */
export interface AllocationRuleData {
  mineral: string;
  /** on: releases are held to the members' allocated shares; off: the rule is recorded and not enforced */
  status: "on" | "off";
  /** tons the reserve keeps back */
  stockFloor: number;
  stockFloorBasis: StockFloorBasis;
  /** tons every member gets first when its class runs short */
  memberFloor: number;
  /** members' own floors (tons) in place of memberFloor */
  memberFloors: Record<string, number>;
}
export interface DeclaredAllocationRule extends AllocationRuleData {
  /** date-time of the declaration */
  at: string;
}

/**
 * What decide may take from outside the ledger (the shell reads it; the core does no I/O). Both are
 * optional: a command that needs one that is missing is refused, naming it.
 */
export interface LedgerInputs {
  /** dated prices from the dataset (USD/t), read after the ledger's own price.set entries as valuation reads them: a market-priced release falls back to them */
  prices?: readonly PricePoint[];
  /** monthly demand per mineral (t/month, the dataset's d0) and where it comes from: a stock floor in days turns into tons at it */
  demand?: ReadonlyMap<string, { tonsPerMonth: number; source: string }>;
}
