// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./Register.sol";

/// Judge contract: receives misbehaviour reports from registered access-control contracts and
/// decides the penalty, a time-based block that doubles with every repeat offence
/// (base, 2*base, 4*base, ... capped at 2^10 * base).
contract Judge {
    Register public immutable register;
    uint64 public immutable basePenaltySeconds;

    struct Record {
        uint32 offences;
        uint64 blockedUntil;
    }

    mapping(address => Record) private records;

    event Penalised(address indexed subject, address indexed reporter, string misbehaviour, uint32 offences, uint64 blockedUntil);

    constructor(Register register_, uint64 basePenaltySeconds_) {
        register = register_;
        basePenaltySeconds = basePenaltySeconds_;
    }

    function report(address subject, string calldata misbehaviour) external returns (uint64 until) {
        require(register.isAccessControl(msg.sender), "only registered access-control contracts report");
        Record storage record = records[subject];
        record.offences += 1;
        uint32 doublings = record.offences - 1 > 10 ? 10 : record.offences - 1;
        until = uint64(block.timestamp) + basePenaltySeconds * uint64(2) ** doublings;
        record.blockedUntil = until;
        emit Penalised(subject, msg.sender, misbehaviour, record.offences, until);
    }

    function blockedUntil(address subject) external view returns (uint64) {
        return records[subject].blockedUntil;
    }

    function offences(address subject) external view returns (uint32) {
        return records[subject].offences;
    }
}
