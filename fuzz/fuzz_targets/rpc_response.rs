//! Arbitrary bytes as fluxd HTTP response bodies: the response and batch readers and every
//! typed method's parser return a value or a typed error, never panic; an amount that
//! parses is exact (re-printed with 8 decimals it parses to the same zatoshis).
#![no_main]

use flux_client::rpc::amount::parse_decimal;
use flux_client::rpc::method::Method;
use flux_client::rpc::methods as m;
use flux_client::rpc::response::{parse_batch_response, parse_response};
use libfuzzer_sys::fuzz_target;

fn all_parsers(raw: &serde_json::value::RawValue) {
    fn run<M: Method>(method: M, raw: &serde_json::value::RawValue) {
        if let Err(e) = method.decode(raw) {
            assert_eq!(e.method(), Some(method.name()));
        }
    }
    let addrs = ["t1".to_string()];
    run(m::get_blockchain_info(), raw);
    run(m::get_info(), raw);
    run(m::get_network_info(), raw);
    run(m::get_mining_info(), raw);
    run(m::get_block_count(), raw);
    run(m::get_best_block_hash(), raw);
    run(m::get_block_hash(1), raw);
    run(m::get_block_header(Default::default()), raw);
    run(m::get_block_header_verbose(Default::default()), raw);
    run(m::get_block(1u32), raw);
    run(m::get_block_verbose(1u32), raw);
    run(m::get_raw_transaction(Default::default()), raw);
    run(m::get_raw_transaction_verbose(Default::default()), raw);
    run(m::decode_raw_transaction(&[]), raw);
    run(m::get_raw_mempool(), raw);
    run(m::get_raw_mempool_verbose(), raw);
    run(m::get_tx_out(Default::default(), 0, true), raw);
    run(m::validate_address("t1"), raw);
    run(m::verify_message("t1", "", ""), raw);
    run(m::estimate_fee(2), raw);
    run(m::get_address_utxos(&addrs), raw);
    run(m::get_address_balance(&addrs), raw);
    run(m::get_address_txids(&addrs), raw);
    run(m::get_address_deltas(&addrs), raw);
    run(m::get_address_mempool(&addrs), raw);
    run(m::get_fluxnode_count(), raw);
    run(m::view_deterministic_fluxnode_list(None), raw);
    run(m::list_fluxnodes(None), raw);
    run(m::get_fluxnode_status(), raw);
    run(m::fluxnode_current_winner(), raw);
    run(m::get_start_list(), raw);
    run(m::get_dos_list(), raw);
    run(m::get_benchmarks(), raw);
    run(m::get_bench_status(), raw);
}

fuzz_target!(|data: &[u8]| {
    for status in [200u16, 404, 500] {
        if let Ok(raw) = parse_response("fuzz", status, data) {
            all_parsers(&raw);
        }
    }
    let _ = parse_batch_response(&["a", "b", "c"], 200, data);
    // The body itself as a result (what a node could put under "result").
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(raw) = serde_json::from_str::<Box<serde_json::value::RawValue>>(text) {
            all_parsers(&raw);
        }
        if let Ok(zat) = parse_decimal(text) {
            let sign = if zat < 0 { "-" } else { "" };
            let abs = zat.unsigned_abs();
            let again = format!("{sign}{}.{:08}", abs / 100_000_000, abs % 100_000_000);
            assert_eq!(parse_decimal(&again).unwrap(), zat);
        }
    }
});
