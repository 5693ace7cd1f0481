package io.aisprint.security.iot;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * One account's connection to an Ethereum JSON-RPC endpoint: deploys contracts, sends signed
 * transactions (simulated first, so a revert comes back with the contract's reason instead of a
 * mined failure) and makes read-only calls. Any transport problem is CHAIN_UNAVAILABLE: callers
 * deciding access treat it as "deny" (fail closed).
 */
public final class Chain implements AutoCloseable {
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(3_000_000);

    private final String url;
    private final Web3j web3;
    private final Credentials credentials;
    private long chainId = -1;

    public Chain(String url, Credentials credentials) {
        this.url = url;
        this.web3 = Web3j.build(new HttpService(url));
        this.credentials = credentials;
    }

    public String account() {
        return credentials.getAddress();
    }

    public String url() {
        return url;
    }

    /** Deploys a compiled contract with ABI-encoded constructor arguments; returns its address. */
    public String deploy(ContractArtifact artifact, List<Type> constructorArguments) {
        String data = artifact.bytecode() + FunctionEncoder.encodeConstructor(constructorArguments);
        TransactionReceipt receipt = submit(null, data, artifact.name() + " deployment");
        return receipt.getContractAddress();
    }

    /** Sends the function as a transaction and waits for it to be mined. */
    public synchronized TransactionReceipt send(String contract, Function function) {
        return submit(contract, FunctionEncoder.encode(function), function.getName());
    }

    /** Evaluates the function without a transaction and decodes its outputs. */
    @SuppressWarnings("rawtypes")
    public List<Type> call(String contract, Function function) {
        EthCall result = rpc(() -> web3.ethCall(Transaction.createEthCallTransaction(account(), contract, FunctionEncoder.encode(function)),
            DefaultBlockParameterName.LATEST).send());
        rejectOnError(result, function.getName());
        return FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
    }

    /** Any JSON-RPC method (ganache's evm_increaseTime and evm_mine in tests and benchmarks). */
    public void raw(String method, List<?> params) {
        rpc(() -> new org.web3j.protocol.core.Request<>(method, params, new HttpService(url), Response.class).send());
    }

    private synchronized TransactionReceipt submit(String to, String data, String what) {
        EthCall simulated = rpc(() -> web3.ethCall(new Transaction(account(), null, null, GAS_LIMIT, to, null, data), DefaultBlockParameterName.LATEST).send());
        rejectOnError(simulated, what);
        BigInteger nonce = rpc(() -> web3.ethGetTransactionCount(account(), DefaultBlockParameterName.PENDING).send()).getTransactionCount();
        BigInteger gasPrice = rpc(() -> web3.ethGasPrice().send()).getGasPrice();
        RawTransaction transaction = to == null
            ? RawTransaction.createContractTransaction(nonce, gasPrice, GAS_LIMIT, BigInteger.ZERO, data)
            : RawTransaction.createTransaction(nonce, gasPrice, GAS_LIMIT, to, data);
        byte[] signed = TransactionEncoder.signMessage(transaction, chainId(), credentials);
        EthSendTransaction sent = rpc(() -> web3.ethSendRawTransaction(Numeric.toHexString(signed)).send());
        rejectOnError(sent, what);
        for (int attempt = 0; attempt < 600; attempt++) {
            var receipt = rpc(() -> web3.ethGetTransactionReceipt(sent.getTransactionHash()).send()).getTransactionReceipt();
            if (receipt.isPresent()) {
                if (!receipt.get().isStatusOK()) {
                    throw new IotException(IotException.Code.REJECTED_BY_CONTRACT, what + " failed on chain (transaction " + sent.getTransactionHash() + ")");
                }
                return receipt.get();
            }
            try {
                Thread.sleep(attempt < 20 ? 5 : 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IotException(IotException.Code.CHAIN_UNAVAILABLE, what + ": transaction " + sent.getTransactionHash() + " was not mined by " + url);
    }

    private long chainId() {
        if (chainId < 0) {
            chainId = rpc(() -> web3.ethChainId().send()).getChainId().longValueExact();
        }
        return chainId;
    }

    private static void rejectOnError(Response<?> response, String what) {
        if (response.hasError()) {
            String message = response.getError().getMessage();
            String reason = message.contains("revert") ? message.substring(message.indexOf("revert") + 6).trim() : message;
            throw new IotException(IotException.Code.REJECTED_BY_CONTRACT, what + " rejected by the contract: " + (reason.isEmpty() ? message : reason));
        }
    }

    private interface RpcCall<T> {
        T send() throws IOException;
    }

    private <T> T rpc(RpcCall<T> call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new IotException(IotException.Code.CHAIN_UNAVAILABLE, "the chain at " + url + " cannot be reached (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); access is denied until it is back");
        }
    }

    @Override
    public void close() {
        web3.shutdown();
    }
}
