#![no_main]
//! `BlockView::parse` accepts exactly what `Block::from_bytes` accepts, with the same error,
//! and rebuilds the same block; `Transaction::skip` and `txid_of_bytes` agree with
//! `Transaction`'s `Decode::decode` and `txid` on the same bytes read as one transaction.
use flux_consensus::block::Block;
use flux_consensus::block_view::BlockView;
use flux_primitives::codec::Reader;
use flux_tx::Transaction;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match (Block::from_bytes(data), BlockView::parse(data)) {
        (Ok(block), Ok(view)) => {
            assert_eq!(view.to_block().expect("checked bytes build"), block);
            let txids: Vec<_> = block.transactions.iter().map(Transaction::txid).collect();
            assert_eq!(view.txids().expect("checked bytes hash"), txids);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!(
            "Block {:?} but BlockView {:?}",
            a.map(|_| ()),
            b.map(|_| ())
        ),
    }

    let mut skipped = Reader::new(data);
    let mut read = Reader::new(data);
    assert_eq!(
        Transaction::skip(&mut skipped),
        <Transaction as flux_primitives::codec::Decode>::decode(&mut read).map(drop)
    );
    assert_eq!(skipped.position(), read.position());
    assert_eq!(
        Transaction::txid_of_bytes(data),
        Transaction::from_bytes(data).map(|t| t.txid())
    );
});
