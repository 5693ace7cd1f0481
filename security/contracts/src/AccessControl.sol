// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./Judge.sol";

/// Access-control contract of one resource (after Zhang et al.): the owner's static policy per
/// subject (may read, minimum interval between requests, how many too-frequent requests are
/// tolerated) plus the dynamic check: requests closer together than the interval are counted,
/// and reaching the threshold is reported to the judge, whose penalty blocks the subject.
/// The gateway the owner names submits each (off-chain signed) request; every decision is an event.
contract AccessControl {
    address public immutable owner;
    bytes32 public immutable resource;
    Judge public immutable judge;
    address public gateway;

    struct Policy {
        bool permitted;
        uint64 minIntervalSeconds;
        uint32 threshold;
        uint64 lastRequest;
        uint32 frequentRequests;
    }

    mapping(address => Policy) private policies;

    // reason: 0 allowed, 1 no policy or revoked, 2 blocked by a penalty, 3 too frequent (penalised now)
    event AccessDecision(address indexed subject, bytes32 indexed resource, bool allowed, uint8 reason, uint64 time);
    event PolicyChanged(address indexed subject, bool permitted, uint64 minIntervalSeconds, uint32 threshold);

    modifier onlyOwner() {
        require(msg.sender == owner, "only the resource owner");
        _;
    }

    constructor(bytes32 resource_, Judge judge_, address gateway_) {
        owner = msg.sender;
        resource = resource_;
        judge = judge_;
        gateway = gateway_;
    }

    function setGateway(address gateway_) external onlyOwner {
        gateway = gateway_;
    }

    function grant(address subject, uint64 minIntervalSeconds, uint32 threshold) external onlyOwner {
        Policy storage policy = policies[subject];
        policy.permitted = true;
        policy.minIntervalSeconds = minIntervalSeconds;
        policy.threshold = threshold;
        policy.frequentRequests = 0;
        emit PolicyChanged(subject, true, minIntervalSeconds, threshold);
    }

    function revoke(address subject) external onlyOwner {
        policies[subject].permitted = false;
        emit PolicyChanged(subject, false, 0, 0);
    }

    /// Decides one request of `subject` to read the resource now, records it and emits the decision.
    function checkAccess(address subject) external returns (bool allowed, uint8 reason) {
        require(msg.sender == gateway || msg.sender == subject, "only the gateway or the subject itself");
        Policy storage policy = policies[subject];
        uint64 now_ = uint64(block.timestamp);
        if (!policy.permitted) {
            reason = 1;
        } else if (judge.blockedUntil(subject) > now_) {
            reason = 2;
        } else {
            if (policy.lastRequest != 0 && now_ - policy.lastRequest < policy.minIntervalSeconds) {
                policy.frequentRequests += 1;
            }
            policy.lastRequest = now_;
            if (policy.threshold > 0 && policy.frequentRequests >= policy.threshold) {
                policy.frequentRequests = 0;
                judge.report(subject, "too frequent requests");
                reason = 3;
            }
        }
        allowed = reason == 0;
        emit AccessDecision(subject, resource, allowed, reason, now_);
    }

    function policyOf(address subject) external view returns (bool permitted, uint64 minIntervalSeconds, uint32 threshold, uint64 lastRequest, uint32 frequentRequests) {
        Policy memory policy = policies[subject];
        return (policy.permitted, policy.minIntervalSeconds, policy.threshold, policy.lastRequest, policy.frequentRequests);
    }
}
