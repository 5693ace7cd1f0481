// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// Register contract (after Zhang et al., IEEE IoT J. 2019): where the access-control contract of
/// each resource lives. The account that registers a resource owns its entry and alone may
/// update or delete it; the judge asks it whether a caller is a registered access-control contract.
contract Register {
    struct Entry {
        address accessControl;
        address owner;
    }

    mapping(bytes32 => Entry) private entries;
    mapping(address => bool) public isAccessControl;

    event Registered(bytes32 indexed resource, address accessControl, address owner);
    event Updated(bytes32 indexed resource, address accessControl);
    event Deleted(bytes32 indexed resource);

    function register(bytes32 resource, address accessControl) external {
        require(entries[resource].owner == address(0), "resource already registered");
        require(AccessControlOwner(accessControl).owner() == msg.sender, "only the contract's owner may register it");
        entries[resource] = Entry(accessControl, msg.sender);
        isAccessControl[accessControl] = true;
        emit Registered(resource, accessControl, msg.sender);
    }

    function update(bytes32 resource, address accessControl) external {
        require(entries[resource].owner == msg.sender, "only the registrant may update");
        require(AccessControlOwner(accessControl).owner() == msg.sender, "only the contract's owner may register it");
        isAccessControl[entries[resource].accessControl] = false;
        entries[resource].accessControl = accessControl;
        isAccessControl[accessControl] = true;
        emit Updated(resource, accessControl);
    }

    function remove(bytes32 resource) external {
        require(entries[resource].owner == msg.sender, "only the registrant may delete");
        isAccessControl[entries[resource].accessControl] = false;
        delete entries[resource];
        emit Deleted(resource);
    }

    function lookup(bytes32 resource) external view returns (address accessControl, address owner) {
        Entry memory entry = entries[resource];
        return (entry.accessControl, entry.owner);
    }
}

interface AccessControlOwner {
    function owner() external view returns (address);
}
