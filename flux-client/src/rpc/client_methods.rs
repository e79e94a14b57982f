//! Typed methods on [`Client`] (feature `http`): each sends the request built in
//! [`crate::rpc::methods`] and decodes its answer.

use std::collections::BTreeMap;

use flux_consensus::block::Block;
use flux_consensus::header::BlockHeader;
use flux_primitives::hash::{BlockHash, Txid};
use flux_primitives::Amount;
use flux_tx::Transaction;
use serde_json::value::RawValue;

use super::methods;
use super::Client;
use crate::Error;

impl Client {
    /// getblockchaininfo.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_blockchain_info().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_blockchain_info(&self) -> Result<methods::BlockchainInfo, Error> {
        self.request(&methods::get_blockchain_info()).await
    }

    /// getinfo.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_info().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_info(&self) -> Result<methods::Info, Error> {
        self.request(&methods::get_info()).await
    }

    /// getnetworkinfo.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_network_info().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_network_info(&self) -> Result<methods::NetworkInfo, Error> {
        self.request(&methods::get_network_info()).await
    }

    /// getmininginfo.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_mining_info().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_mining_info(&self) -> Result<methods::MiningInfo, Error> {
        self.request(&methods::get_mining_info()).await
    }

    /// getblockcount: the tip's height.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_block_count().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_block_count(&self) -> Result<u32, Error> {
        self.request(&methods::get_block_count()).await
    }

    /// getbestblockhash.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_best_block_hash().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_best_block_hash(&self) -> Result<BlockHash, Error> {
        self.request(&methods::get_best_block_hash()).await
    }

    /// getblockhash.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_block_hash(2_020_000).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_block_hash(&self, height: u32) -> Result<BlockHash, Error> {
        self.request(&methods::get_block_hash(height)).await
    }

    /// getblockheader `hash` false, decoded by flux-consensus.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_block_header(c.get_best_block_hash().await?).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_block_header(&self, hash: BlockHash) -> Result<BlockHeader, Error> {
        self.request(&methods::get_block_header(hash)).await
    }

    /// getblockheader `hash` true.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_block_header_verbose(c.get_best_block_hash().await?).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_block_header_verbose(
        &self,
        hash: BlockHash,
    ) -> Result<methods::HeaderInfo, Error> {
        self.request(&methods::get_block_header_verbose(hash)).await
    }

    /// getblock `block` 0, decoded by flux-consensus (immune to fluxd's verbosity-2 failures).
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_block(2_020_000u32).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_block(&self, block: impl Into<methods::BlockRef>) -> Result<Block, Error> {
        self.request(&methods::get_block(block)).await
    }

    /// getblock `block` 1.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_block_verbose(2_020_000u32).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_block_verbose(
        &self,
        block: impl Into<methods::BlockRef>,
    ) -> Result<methods::BlockInfo, Error> {
        self.request(&methods::get_block_verbose(block)).await
    }

    /// getrawtransaction `txid` 0, decoded by flux-tx.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_raw_transaction("a89fcfa77810e5b6bae6a4be065d8db9f0aa7a11bedce37b9ddf91372fe0fa4e".parse().unwrap()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_raw_transaction(&self, txid: Txid) -> Result<Transaction, Error> {
        self.request(&methods::get_raw_transaction(txid)).await
    }

    /// getrawtransaction `txid` 1.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_raw_transaction_verbose("a89fcfa77810e5b6bae6a4be065d8db9f0aa7a11bedce37b9ddf91372fe0fa4e".parse().unwrap()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_raw_transaction_verbose(&self, txid: Txid) -> Result<methods::TxInfo, Error> {
        self.request(&methods::get_raw_transaction_verbose(txid))
            .await
    }

    /// decoderawtransaction.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.decode_raw_transaction(&[0x04, 0x00]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn decode_raw_transaction(&self, bytes: &[u8]) -> Result<methods::TxInfo, Error> {
        self.request(&methods::decode_raw_transaction(bytes)).await
    }

    /// getrawmempool.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_raw_mempool().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_raw_mempool(&self) -> Result<Vec<Txid>, Error> {
        self.request(&methods::get_raw_mempool()).await
    }

    /// getrawmempool true.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_raw_mempool_verbose().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_raw_mempool_verbose(
        &self,
    ) -> Result<BTreeMap<Txid, methods::MempoolEntry>, Error> {
        self.request(&methods::get_raw_mempool_verbose()).await
    }

    /// gettxout: `None` when spent or unknown.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_tx_out(Default::default(), 0, true).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_tx_out(
        &self,
        txid: Txid,
        n: u32,
        include_mempool: bool,
    ) -> Result<Option<methods::UnspentOutput>, Error> {
        self.request(&methods::get_tx_out(txid, n, include_mempool))
            .await
    }

    /// validateaddress.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.validate_address("t1abc").await?;
    /// # Ok(()) }
    /// ```
    pub async fn validate_address(
        &self,
        address: &str,
    ) -> Result<methods::AddressValidation, Error> {
        self.request(&methods::validate_address(address)).await
    }

    /// verifymessage.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.verify_message("t1abc", "c2ln", "hello").await?;
    /// # Ok(()) }
    /// ```
    pub async fn verify_message(
        &self,
        address: &str,
        signature_base64: &str,
        message: &str,
    ) -> Result<bool, Error> {
        self.request(&methods::verify_message(address, signature_base64, message))
            .await
    }

    /// estimatefee: `None` when fluxd has no estimate.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.estimate_fee(6).await?;
    /// # Ok(()) }
    /// ```
    pub async fn estimate_fee(&self, blocks: u32) -> Result<Option<Amount>, Error> {
        self.request(&methods::estimate_fee(blocks)).await
    }

    /// getaddressutxos (needs `-addressindex`).
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_address_utxos(&["t1abc".into()]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_address_utxos(
        &self,
        addresses: &[String],
    ) -> Result<Vec<methods::AddressUtxo>, Error> {
        self.request(&methods::get_address_utxos(addresses)).await
    }

    /// getaddressbalance (needs `-addressindex`).
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_address_balance(&["t1abc".into()]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_address_balance(
        &self,
        addresses: &[String],
    ) -> Result<methods::AddressBalance, Error> {
        self.request(&methods::get_address_balance(addresses)).await
    }

    /// getaddresstxids (needs `-addressindex`).
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_address_txids(&["t1abc".into()]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_address_txids(&self, addresses: &[String]) -> Result<Vec<Txid>, Error> {
        self.request(&methods::get_address_txids(addresses)).await
    }

    /// getaddressdeltas (needs `-addressindex`).
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_address_deltas(&["t1abc".into()]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_address_deltas(
        &self,
        addresses: &[String],
    ) -> Result<Vec<methods::AddressDelta>, Error> {
        self.request(&methods::get_address_deltas(addresses)).await
    }

    /// getaddressmempool (needs `-addressindex`).
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_address_mempool(&["t1abc".into()]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_address_mempool(
        &self,
        addresses: &[String],
    ) -> Result<Vec<methods::AddressMempoolDelta>, Error> {
        self.request(&methods::get_address_mempool(addresses)).await
    }

    /// getfluxnodecount.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_fluxnode_count().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_fluxnode_count(&self) -> Result<methods::FluxnodeCount, Error> {
        self.request(&methods::get_fluxnode_count()).await
    }

    /// getfluxnodestatus (on a fluxnode).
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_fluxnode_status().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_fluxnode_status(&self) -> Result<methods::FluxnodeStatus, Error> {
        self.request(&methods::get_fluxnode_status()).await
    }

    /// fluxnodecurrentwinner.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.fluxnode_current_winner().await?;
    /// # Ok(()) }
    /// ```
    pub async fn fluxnode_current_winner(
        &self,
    ) -> Result<BTreeMap<String, methods::FluxnodeWinner>, Error> {
        self.request(&methods::fluxnode_current_winner()).await
    }

    /// getstartlist.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_start_list().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_start_list(&self) -> Result<Vec<methods::FluxnodeQueueEntry>, Error> {
        self.request(&methods::get_start_list()).await
    }

    /// getdoslist.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_dos_list().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_dos_list(&self) -> Result<Vec<methods::FluxnodeQueueEntry>, Error> {
        self.request(&methods::get_dos_list()).await
    }

    /// getbenchmarks (on a fluxnode; fluxbenchd's answer as sent).
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_benchmarks().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_benchmarks(&self) -> Result<Box<RawValue>, Error> {
        self.request(&methods::get_benchmarks()).await
    }

    /// getbenchstatus (on a fluxnode; fluxbenchd's answer as sent).
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let answer = c.get_bench_status().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_bench_status(&self) -> Result<Box<RawValue>, Error> {
        self.request(&methods::get_bench_status()).await
    }

    /// sendrawtransaction of serialized bytes, refused with [`Error::InvalidInput`] without
    /// contacting the node when they do not decode as a transaction. "Already in the chain
    /// or mempool" is an [`methods::SendOutcome`], not an error.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client, bytes: Vec<u8>) -> Result<(), flux_client::Error> {
    /// let outcome = c.send_raw_transaction(&bytes).await?;
    /// println!("{} (already known: {})", outcome.txid(), outcome.is_already_known());
    /// # Ok(()) }
    /// ```
    pub async fn send_raw_transaction(&self, bytes: &[u8]) -> Result<methods::SendOutcome, Error> {
        self.request(&methods::SendRawTransaction::new(bytes)?)
            .await
    }

    /// sendrawtransaction of a decoded transaction.
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client, tx: flux_tx::Transaction) -> Result<(), flux_client::Error> {
    /// let outcome = c.send_transaction(&tx).await?;
    /// # Ok(()) }
    /// ```
    pub async fn send_transaction(&self, tx: &Transaction) -> Result<methods::SendOutcome, Error> {
        self.request(&methods::SendRawTransaction::from_transaction(tx))
            .await
    }

    /// The deterministic fluxnode list: viewdeterministicfluxnodelist, or listfluxnodes when
    /// the node does not know the newer name (−32601).
    ///
    /// ```no_run
    /// # async fn demo(c: flux_client::rpc::Client) -> Result<(), flux_client::Error> {
    /// let nodes = c.fluxnode_list(None).await?;
    /// # Ok(()) }
    /// ```
    pub async fn fluxnode_list(
        &self,
        filter: Option<&str>,
    ) -> Result<Vec<methods::FluxnodeEntry>, Error> {
        match self
            .request(&methods::view_deterministic_fluxnode_list(filter))
            .await
        {
            Err(e) if e.rpc_code() == Some(super::codes::METHOD_NOT_FOUND) => {
                self.request(&methods::list_fluxnodes(filter)).await
            }
            other => other,
        }
    }
}
