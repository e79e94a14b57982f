/** A Flux network name, as the `flux` tool's `--network` takes it. */
export type Network = "main" | "test" | "regtest" | "mainnet" | "testnet";

/**
 * What every function throws on failure: an `Error` whose `kind` and `message` are the
 * `{"error": {"kind", "message"}}` the `flux` command prints for the same input.
 * `kind` is one of `invalid_input` (malformed data), `invalid_argument` (a bad option value)
 * or `usage` (the input object has a missing, unknown or mistyped field).
 */
export interface FluxError extends Error {
  kind: "invalid_input" | "invalid_argument" | "usage" | string;
}

/** `txDecode` input: `flux tx decode HEX --network N`. */
export interface TxDecodeInput {
  /** The raw transaction, hex. */
  hex: string;
  /** Network for address rendering (default "main"). */
  network?: Network;
}

/** `blockDecode` input: `flux block decode HEX --network N --verbosity V --height H`. */
export interface BlockDecodeInput {
  /** The serialized block, hex. */
  hex: string;
  /** Network for addresses and difficulty (default "main"). */
  network?: Network;
  /** 1: txids; 2 (default): decoded transactions. */
  verbosity?: 1 | 2;
  /** The block's height, if known (shown as `height`). */
  height?: number;
}

/** `headerDecode` input: `flux header decode HEX --network N`. */
export interface HeaderDecodeInput {
  /** The serialized header, hex. */
  hex: string;
  /** Network (default "main"). */
  network?: Network;
}

/** `chainUpgrade` input: `flux chain upgrade HEIGHT --network N`. */
export interface ChainUpgradeInput {
  /** Block height. */
  height: number;
  /** Network (default "main"). */
  network?: Network;
}

/** A script as fluxd shows it: disassembly and hex. */
export interface ScriptSig {
  asm: string;
  hex: string;
}

/** One transaction input (`coinbase` for a coinbase input, `txid`/`vout`/`scriptSig` otherwise). */
export interface TxInput {
  coinbase?: string;
  txid?: string;
  vout?: number;
  scriptSig?: ScriptSig;
  sequence: number;
}

/** An output script with its type and, for standard types, its addresses. */
export interface ScriptPubKey {
  asm: string;
  hex: string;
  reqSigs?: number;
  type: string;
  addresses?: string[];
}

/** One transaction output; `value` in FLUX, `valueZat`/`valueSat` in zatoshis. */
export interface TxOutput {
  value: number;
  valueZat: number;
  valueSat: number;
  n: number;
  scriptPubKey: ScriptPubKey;
}

/** A Sprout JoinSplit description. */
export interface JoinSplit {
  vpub_old: number;
  vpub_oldZat: number;
  vpub_new: number;
  vpub_newZat: number;
  anchor: string;
  nullifiers: string[];
  commitments: string[];
  onetimePubKey: string;
  randomSeed: string;
  macs: string[];
  proof: string;
  ciphertexts: string[];
}

/** A Sapling spend description. */
export interface ShieldedSpend {
  cv: string;
  anchor: string;
  nullifier: string;
  rk: string;
  proof: string;
  spendAuthSig: string;
}

/** A Sapling output description. */
export interface ShieldedOutput {
  cv: string;
  cmu: string;
  ephemeralKey: string;
  encCiphertext: string;
  outCiphertext: string;
  proof: string;
}

/** A transaction of versions 1 to 4 as fluxd's `decoderawtransaction` shows it. */
export interface StandardTransaction {
  txid: string;
  version: number;
  overwintered: boolean;
  versiongroupid?: string;
  locktime: number;
  expiryheight?: number;
  vin: TxInput[];
  vout: TxOutput[];
  vJoinSplit: JoinSplit[];
  valueBalance?: number;
  valueBalanceZat?: number;
  vShieldedSpend?: ShieldedSpend[];
  vShieldedOutput?: ShieldedOutput[];
  bindingSig?: string;
}

/** A fluxnode START (version 5/6) or CONFIRM transaction as fluxd shows it. */
export interface FluxnodeTransaction {
  txid: string;
  version: number;
  type: "Starting a fluxnode" | "Confirming a fluxnode";
  collateral_output: string;
  collateral: string;
  txhash: string;
  outidx: string;
  sigtime: number;
  sig: string;
  ip: string;
  fluxnode_upgraded_tx_version?: number;
  collateral_pubkey?: string;
  redeemscript?: string;
  using_delegates?: boolean;
  delegate_data?: { version: number; type: number; keys: string[] };
  zelnode_pubkey?: string;
  update_type?: number;
  benchmark_tier?: string;
  benchmark_sigtime?: number;
  benchmark_sig?: string;
}

/** `txDecode` output. */
export type DecodedTransaction = StandardTransaction | FluxnodeTransaction;

/** The header fields fluxd's `getblockheader`/`getblock` show, without chain-dependent ones. */
export interface DecodedHeader {
  hash: string;
  height?: number;
  version: number;
  merkleroot: string;
  finalsaplingroot: string;
  time: number;
  /** "POW": Equihash nonce and solution; "PON": the producing node's collateral and signature. */
  type: "POW" | "PON";
  nonce?: string;
  solution?: string;
  collateral?: string;
  collateral_txid?: string;
  collateral_index?: number;
  blocksig?: string;
  bits: string;
  difficulty: number;
  previousblockhash?: string;
}

/** `blockDecode` output: the header fields plus size and transactions (txids at verbosity 1). */
export interface DecodedBlock extends DecodedHeader {
  size: number;
  tx: string[] | DecodedTransaction[];
}

/** `chainUpgrade` output. */
export interface ChainUpgrade {
  network: "main" | "test" | "regtest";
  height: number;
  upgrade: string;
  /** Consensus branch id, 8 hex digits. */
  branch_id: string;
  block_kind: "POW" | "PON";
  /** Allowed block versions, as a range such as "4..=99" or ">=100". */
  versions: string;
  /** Allowed Equihash parameter sets as "n,k". */
  equihash: string[];
  /** The next upgrade and its activation height. */
  next_upgrade: [string, number] | null;
  /** The checkpoint hash at this height, if there is one. */
  checkpoint: string | null;
}

/** `chainSubsidy` input: `flux chain subsidy HEIGHT --network N`. */
export interface ChainSubsidyInput {
  /** Block height. */
  height: number;
  /** Network (default "main"). */
  network?: Network;
}

/** A payment the coinbase owes to a fund at some heights. */
export interface Funding {
  fund: string;
  address: string;
  /** Zatoshis. */
  amount: number;
}

/** `chainSubsidy` output: amounts in zatoshis. */
export interface ChainSubsidy {
  network: "main" | "test" | "regtest";
  height: number;
  subsidy: number;
  cumulus: number;
  nimbus: number;
  stratus: number;
  dev_fund: number;
  producer: number;
  funding: Funding[];
}

/** `keyNew` input: `flux key new --network N [--uncompressed]`. */
export interface KeyNewInput {
  /** Network of the WIF and address (default "main"). */
  network?: Network;
  /** Use the 65-byte public key form (and its different address). */
  uncompressed?: boolean;
}

/** `keyInspect` input: `flux key inspect WIF [--network N]`. */
export interface KeyInspectInput {
  /** The private key, WIF. */
  wif: string;
  /** Require the WIF to belong to this network (a testnet WIF is also a regtest WIF). */
  network?: Network;
}

/** A private key's public description; `wif` only from `keyNew`. */
export interface KeyInfo {
  network: "main" | "test" | "regtest";
  compressed: boolean;
  /** Hex, in the key's form (33 or 65 bytes). */
  public_key: string;
  hash160: string;
  /** P2PKH address on the key's network. */
  address: string;
  /** The ZelID (`1…`) of the same key. */
  zelid: string;
  wif?: string;
}

/** `addressInspect` input: `flux address inspect ADDRESS [--network N]`. */
export interface AddressInspectInput {
  /** Any Flux (t1/t3/tm/t2), ZelID (`1…`), Sapling or Sprout address. */
  address: string;
  /** Require the address to be valid on this network. */
  network?: Network;
}

/** `addressInspect` output; `hash160`/`script_pubkey` are null for shielded kinds. */
export interface AddressInfo {
  address: string;
  network: "main" | "test" | "regtest";
  kind: string;
  hash160: string | null;
  script_pubkey: string | null;
  /** Sapling or Sprout payload, hex. */
  payload?: string;
}

/** The magic prefix hashed with a message. */
export type MagicName = "bitcoin" | "zelcash";

/** `messageSign` input: `flux message sign --wif W [--magic M] [--hex] MESSAGE`. */
export interface MessageSignInput {
  /** Private key, WIF (the WIF decides compressed or not). */
  wif: string;
  /** Magic prefix (default "bitcoin"). */
  magic?: MagicName;
  /** The message is hex bytes. */
  hex?: boolean;
  /** The message, signed exactly as given (no trimming). */
  message: string;
}

/** `messageSign` output. */
export interface SignedMessage {
  /** Base64, 65 bytes. */
  signature: string;
  address: string;
  public_key: string;
  zelid: string;
  flux_address: string;
  magic: MagicName;
  compressed: boolean;
}

/** `messageVerify` input: exactly one of `address` and `publicKey`. */
export interface MessageVerifyInput {
  /** A `1…` ZelID, `t1…`/`tm…` address or `0x…` Ethereum address. */
  address?: string;
  /** A hex public key (33 or 65 bytes). */
  publicKey?: string;
  /** The base64 signature (or `0x` hex for an Ethereum address). */
  signature: string;
  /** Magic prefix (default "bitcoin"). */
  magic?: MagicName;
  /** The message is hex bytes. */
  hex?: boolean;
  /** Accept any header byte, masked as fluxd does, instead of 27..=34 only. */
  fluxdHeaders?: boolean;
  /** The message, verified exactly as given. */
  message: string;
}

/** `messageVerify` output: `valid: false` with a `reason` when the signature is not the signer's. */
export interface MessageVerdict {
  valid: boolean;
  recovered_public_key: string | null;
  recovered_address: string | null;
  magic: MagicName;
  reason?: string;
}

/** `zelidVerifyLogin` input: `flux zelid verify-login --zelid Z --phrase P --signature S [--at MS]`. */
export interface ZelidVerifyLoginInput {
  /** The ZelID (`1…` or `0x…`). */
  zelid: string;
  /** The login phrase that was signed. */
  phrase: string;
  /** Base64 signature (or `0x` hex for an Ethereum ZelID). */
  signature: string;
  /** Time to judge the phrase's age at, ms since 1970 (default `Date.now()`). */
  at?: number;
}

/** A login or `zelidauth` verdict: `valid: false` with a `reason` when the check fails. */
export interface LoginVerdict {
  valid: boolean;
  zelid: string;
  login_phrase: string;
  /** The phrase's own time, ms, when it could be read. */
  timestamp_ms?: number;
  checked_at_ms: number;
  reason?: string;
}

/** `zelidHeaderParse` input: `flux zelid header parse HEADER`. */
export interface ZelidHeaderParseInput {
  /** The `zelidauth` header, JSON or URL-encoded. */
  header: string;
}

/** A parsed `zelidauth` header. */
export interface ZelidAuth {
  zelid: string;
  signature: string;
  loginPhrase: string;
}

/** `zelidHeaderVerify` input: `flux zelid header verify HEADER [--level L] [--at MS]`. */
export interface ZelidHeaderVerifyInput {
  /** The `zelidauth` header, JSON or URL-encoded. */
  header: string;
  /** Privilege to check the session window for (default "user"). */
  level?: "user" | "appowner";
  /** Time to judge the session at, ms since 1970 (default `Date.now()`). */
  at?: number;
}
