/** A Flux network name, as the `flux` tool's `--network` takes it. */
export type Network = "main" | "test" | "regtest" | "mainnet" | "testnet";

/**
 * What every function throws on failure: an `Error` whose `kind` and `message` are the
 * `{"error": {"kind", "message"}}` the `flux` command prints for the same input.
 * `kind` is one of `invalid_input` (malformed data), `invalid_argument` (a bad option value)
 * or `usage` (the input object has a missing, unknown or mistyped field).
 */
export interface FluxError extends Error {
  kind: "invalid_input" | "invalid_argument" | "usage" | "fluxos" | string;
  /** fluxd's RPC code (kind `rpc`) or the HTTP status (kind `http`), when there is one. */
  code?: number;
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

/** `keyDerive` input: exactly one of `seed`, `mnemonic`, `xprv`. */
export interface KeyDeriveInput {
  /** BIP32 seed, hex (16 to 64 bytes). */
  seed?: string;
  /** BIP39 mnemonic, English words (NFKD-normalized by the host before use). */
  mnemonic?: string;
  /** BIP39 passphrase (only with `mnemonic`; NFKD-normalized by the host). */
  passphrase?: string;
  /** Extended private key to derive from (the path is relative to it). */
  xprv?: string;
  /** Derivation path such as "m/44'/19167'/0'/0/0" (`h` also marks hardened steps). */
  path: string;
  /** Network of the output keys (default main, or the network of `xprv`). */
  network?: Network;
}

/** `keyDerive` output: the key's public description plus its BIP32 data and WIF. */
export interface DerivedKey extends KeyInfo {
  path: string;
  depth: number;
  /** The last step, with `'` when hardened. */
  child_number: string;
  fingerprint: string;
  parent_fingerprint: string;
  xprv: string;
  xpub: string;
  wif: string;
}

/** `zelidPhrase` input: `flux zelid phrase [--at MS]`. */
export interface ZelidPhraseInput {
  /** The phrase's timestamp, ms since 1970 (default `Date.now()`). */
  at?: number;
}

/** A FluxOS login phrase. */
export interface LoginPhrase {
  login_phrase: string;
  timestamp_ms: number;
}

/** `zelidHeaderBuild` input: `zelid`, `phrase` and `signature`, or `wif` (and optionally `phrase`). */
export interface ZelidHeaderBuildInput {
  zelid?: string;
  /** The login phrase (with `wif`: default a fresh one at `Date.now()`). */
  phrase?: string;
  signature?: string;
  /** Sign the phrase with this private key (WIF). */
  wif?: string;
  /** Which form `header` shows (default "json"). */
  form?: "json" | "url";
}

/** `zelidHeaderBuild` output: the header in the chosen form, both forms, and its parts. */
export interface BuiltZelidHeader {
  header: string;
  json: string;
  urlencoded: string;
  zelid: string;
  signature: string;
  loginPhrase: string;
}

/** `txBuild` input: the specification `flux tx build` reads (see its --help for every field). */
export interface TxBuildSpec {
  network: Network;
  inputs: { [field: string]: unknown }[];
  outputs: { [field: string]: unknown }[];
  [field: string]: unknown;
}

/** `txBuild` output: `complete` when every input carries enough signatures. */
export interface TxBuilt {
  hex: string;
  txid: string;
  complete: boolean;
}

/** `txSighash` input: `flux tx sighash HEX --input I --script-code S --amount A --hash-type T [--branch-id B]`. */
export interface TxSighashInput {
  /** The raw transaction, hex. */
  hex: string;
  /** Index of the input being signed. */
  input: number;
  /** The script being signed, hex (scriptPubKey, or the redeem script for P2SH). */
  scriptCode: string;
  /** Value of the spent output, zatoshis. */
  amount: number;
  /** "ALL", "NONE", "SINGLE", each optionally "|ANYONECANPAY", or a number. */
  hashType: string | number;
  /** Consensus branch id: a number, or "0x…" hex or decimal text (default 0x76b809bb). */
  branchId?: string | number;
}

/** `txSighash` output: the digest in display (reversed) order. */
export interface TxSighash {
  sighash: string;
}

/** One spent output, as `--prevouts` lists them. */
export interface Prevout {
  /** Hex. */
  script_pubkey: string;
  /** Zatoshis. */
  amount: number;
}

/** `txVerify` input: `flux tx verify HEX --prevouts JSON [--branch-id B]`. */
export interface TxVerifyInput {
  hex: string;
  /** One per input, in input order (or the JSON text of that array). */
  prevouts: Prevout[] | string;
  branchId?: string | number;
}

/** `txVerify` output. */
export interface InputsVerdict {
  valid: boolean;
  inputs: { input: number; valid: boolean; type?: string; reason?: string }[];
}

/** `fluxnodeStart` input: the specification `flux fluxnode start` reads (see its --help). */
export interface FluxnodeStartSpec {
  [field: string]: unknown;
}

/** `fluxnodeStart` output. */
export interface FluxnodeStart {
  hex: string;
  txid: string;
}

/** `fluxnodeVerify` input: `flux fluxnode verify HEX [--network N] [--node-pubkey K] [--delegate-key K]...`. */
export interface FluxnodeVerifyInput {
  hex: string;
  /** Network whose benchmark keys apply (default "main"). */
  network?: Network;
  /** The node's operator public key, hex (checks a CONFIRM's signature). */
  nodePubkey?: string;
  /** Stored delegate public keys, hex (checks a delegate-signed START). */
  delegateKey?: string[];
}

/** One signature of a fluxnode transaction. */
export interface SignatureVerdict {
  signature: string;
  signer: string;
  recovered_public_key: string | null;
  expected_public_keys: string[];
  /** "valid", "invalid", or "unchecked" when no expected key is known. */
  result: string;
}

/** `fluxnodeVerify` output. */
export interface FluxnodeVerdict {
  txid: string;
  valid: boolean;
  signatures: SignatureVerdict[];
}

/** `blockVerify` input: `flux block verify HEX [--height H] [--network N] [--node-public-key K] [--now T] [--prev-headers] [--fluxnode-payees] [--fees]`. */
export interface BlockVerifyInput {
  hex: string;
  /** Enables the version, Equihash-set and coinbase rules. */
  height?: number;
  network?: Network;
  /** The producing node's operator public key (PoN), hex. */
  nodePublicKey?: string;
  /** UNIX seconds for the future-time rule (default `Date.now()`). */
  now?: number;
  /** The previous headers' hex, consecutive, the last at `height - 1`. Needs `height`. */
  prevHeaders?: string[];
  /** Tier ("cumulus", "nimbus", "stratus") → address or scriptPubKey hex (or its JSON text). Needs `height`. */
  fluxnodePayees?: { [tier: string]: string } | string;
  /** Total fees of the block's other transactions, zatoshis. */
  fees?: number;
}

/** One of fluxd's block checks. */
export interface BlockCheck {
  name: string;
  result: "pass" | "fail" | "skipped";
  /** fluxd's reject reason when it fails. */
  reject: string | null;
  reason: string;
}

/** `blockVerify` output: `complete` when no check was skipped. */
export interface BlockVerdict {
  hash: string;
  valid: boolean;
  complete: boolean;
  checks: BlockCheck[];
}

/** `equihashVerify` input: `header` (and `network`), or `n`, `k`, `input`, `nonce`, `solution`. */
export interface EquihashVerifyInput {
  /** A whole serialized PoW header, hex. */
  header?: string;
  network?: Network;
  n?: number;
  k?: number;
  /** The 108-byte header prefix, hex. */
  input?: string;
  /** The 32-byte nonce, hex, serialized (internal) order. */
  nonce?: string;
  /** The solution without its length prefix, hex. */
  solution?: string;
}

/** `equihashVerify` output. */
export interface EquihashVerdict {
  valid: boolean;
  n: number;
  k: number;
  personalization: string;
  twist: boolean;
  reason: string | null;
}

/** A previous header for `chainNextBits`, as getblockheader reports it. */
export interface HeaderRecord {
  height: number;
  time: number;
  bits: string;
}

/** `chainNextBits` input: `flux chain next-bits HEADERS [--network N] [--time T]`. */
export interface ChainNextBitsInput {
  /** Oldest first, one per height (or the JSON text of that array). */
  headers: HeaderRecord[] | string;
  network?: Network;
  /** The candidate block's time, UNIX seconds (testnet minimum difficulty). */
  time?: number;
}

/** `chainNextBits` output. */
export interface NextBits {
  height: number;
  bits: string;
  /** 64 hex digits. */
  target: string;
}

/** A FluxOS app specification (v1–v8), as an object or its JSON text. */
export type AppSpec = { [field: string]: unknown } | string;

/** `appFormat` input: `flux app format SPEC`. Returns the canonical JSON text. */
export interface AppFormatInput {
  spec: AppSpec;
}

/** `appValidate` input: `flux app validate SPEC --height H`. */
export interface AppValidateInput {
  spec: AppSpec;
  height: number;
}

/** `appValidate` output: the first broken rule with FluxOS's message, and the checks not made offline. */
export interface AppValidation {
  valid: boolean;
  error?: string;
  rule?: string;
  not_checked: string[];
}

/** `appPrice` input: `flux app price SPEC --height H [--expire E] [--epochs JSON]`. */
export interface AppPriceInput {
  spec: AppSpec;
  height: number;
  /** Lifetime in blocks (default: the spec's `expire`, or FluxOS's default). */
  expire?: number;
  /** Price epochs as `/apps/deploymentinformation` returns them (default: FluxOS's static table). */
  epochs?: unknown;
}

/** `appPrice` output: FLUX amounts as JavaScript prints FluxOS's numbers. */
export interface AppPrice {
  per_month: string;
  height: number;
  expire: number | string | null;
  registration: string;
  registration_zatoshis: number;
}

/** `appSign` input: `flux app sign SPEC --wif W --type T --timestamp MS`. */
export interface AppSignInput {
  spec: AppSpec;
  /** The owner's private key, WIF. */
  wif: string;
  type: "register" | "update";
  /** ms since 1970. */
  timestamp: number;
}

/** `appSign` output: the message to post. */
export interface AppSignedMessage {
  type: "fluxappregister" | "fluxappupdate";
  version: number;
  appSpecification: { [field: string]: unknown };
  timestamp: number;
  signature: string;
  hash: string;
}

/** A coin an app payment spends: a P2PKH output of the paying key. Other fields are ignored. */
export interface AppPaymentCoin {
  /** The transaction holding the coin (display hex). */
  txid: string;
  vout: number;
  /** Its value in zatoshis. */
  amount: number;
}

/**
 * `appPayment` input: `flux app payment --hash H --amount A --inputs JSON --wif W
 * [--change-address C] [--height N] [--fee Z] [--network N]`.
 */
export interface AppPaymentInput {
  /** The message hash FluxOS returned (64 hex digits): the payment's last output. */
  hash: string;
  /** The amount in FLUX ("0.6"): at least what `appPrice` requires. */
  amount: string | number;
  /** The coins to spend, or their JSON text. */
  inputs: AppPaymentCoin[] | string;
  /** The key of the coins (WIF); it must belong to `network`. */
  wif: string;
  /** Where change goes (default: the key's P2PKH address). */
  changeAddress?: string;
  /** Height of the block the payment is for: deployment address, branch id, expiry (height + 20). */
  height?: number;
  /** Fee in zatoshis (default 10000). */
  fee?: number;
  /** Network of the key and addresses (default "main"). */
  network?: Network;
}

/** `appPayment` output: the signed transaction, not sent. */
export interface AppPaymentTx {
  /** Ready for `sendrawtransaction`. */
  hex: string;
  txid: string;
}

/** `osLogin` input: `flux os login --url U --wif W`. */
export interface OsLoginInput {
  /** FluxOS base URL: a node (`http://IP:16127`) or `https://api.runonflux.io`. */
  url: string;
  /** The ZelID's private key (WIF). */
  wif: string;
}

/** `osLogin` result: the node's session. */
export interface OsLogin {
  zelid: string;
  /** The `zelidauth` header to send. */
  zelidauth: string;
  /** `user`, `admin` or `fluxteam`. */
  privilege: string;
  /** When the session ends, ms since 1970. */
  expires_at: number;
}

/** `osGet` input: `flux os get PATH --url U [--zelidauth H | --wif W]`. */
export interface OsGetInput {
  /** The route with its query, e.g. `/flux/version`. */
  path: string;
  url: string;
  /** A `zelidauth` header to send (JSON or URL-encoded form); not with `wif`. */
  zelidauth?: string;
  /** Sign a fresh user-level session with this key (WIF), stamped `Date.now()`. */
  wif?: string;
}

/** `appRegister` input: `flux app register SPEC --url U --wif W`. */
export interface AppRegisterInput {
  spec: AppSpec;
  url: string;
  /** The owner's private key (WIF): the spec's `owner` must be its ZelID. */
  wif: string;
}

/** `appRegister` result: what the payment needs. */
export interface AppRegistration {
  /** The message hash: the payment's memo (`appPayment`'s `hash`). */
  hash: string;
  /** The message timestamp that was signed, ms. */
  timestamp: number;
  signature: string;
  /** Where to pay. */
  payment_address: string;
  /** The node's FLUX quote, as the node wrote the number. */
  price: string;
  /** Pay (mined) before this time, ms since 1970. */
  pay_before: number;
}
