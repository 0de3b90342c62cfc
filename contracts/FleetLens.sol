// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import {ILensERC721, ILensProject, ILensRegistry, ILensStore} from "./ClaimLens.sol";

/// @notice Everything a fleet claim must know about a whole queue of devices before the owner signs, in ONE eth_call.
/// @dev Never deployed: read as a deployless eth_call like ClaimLens. Facts are grouped where the chain groups them:
/// per device (nonce, registered), per device-NFT collection (project, quota, the owner's unused tokens, the
/// registry's approval for all), and once (price, balance, the block's gas limit for batch sizes).
/// @custom:export-bytecode
contract FleetLens {
    struct DeviceFacts {
        uint256 nonce;
        bool exists;
        /// The token the device asks for (its payload's, or the owner's choice), when it names one.
        address tokenOwner;
        bool tokenUsed;
    }

    struct CollectionFacts {
        uint256 projectId;
        string projectName;
        uint8 projectType;
        uint256 applied;
        uint256 actived;
        bool approvedForAll;
        /// False when the collection cannot list the owner's tokens: `unusedTokenIds` then come from the candidates.
        bool enumerable;
        uint256 balance;
        /// The owner's tokens not yet used for a registration, in the collection's order (first MAX_UNUSED).
        uint256[] unusedTokenIds;
    }

    struct FleetState {
        uint256 chainId;
        uint256 blockNumber;
        uint256 blockGasLimit;
        bytes32 domainSeparator;
        uint256 price;
        uint256 ownerBalance;
        DeviceFacts[] devices;
        CollectionFacts[] collections;
    }

    /// Bounds the work of one eth_call: the owner's tokens looked at, and the unused ones reported, per collection.
    uint256 internal constant MAX_SCANNED = 1000;
    uint256 internal constant MAX_UNUSED = 250;

    /// What to inspect. A struct, so the many arrays do not crowd the stack.
    struct FleetQuery {
        address registry;
        address owner;
        address[] devices;
        /// Parallel to `devices`: the token a device asks for, if any (collection 0 when it asks for none), so a
        /// token named by a payload or chosen by the owner is checked too.
        address[] deviceCollections;
        uint256[] deviceTokens;
        address[] collections;
        /// Per collection, token ids the owner may hold (from Transfer logs) for collections that are not
        /// ERC-721 Enumerable; each is checked with ownerOf here.
        uint256[][] candidates;
    }

    function inspect(FleetQuery calldata q) external view returns (FleetState memory s) {
        ILensRegistry r = ILensRegistry(q.registry);
        ILensStore store = ILensStore(r.ioIDStore());
        s.chainId = block.chainid;
        s.blockNumber = block.number;
        s.blockGasLimit = block.gaslimit;
        s.domainSeparator = r.DOMAIN_SEPARATOR();
        s.price = store.price();
        s.ownerBalance = q.owner.balance;
        s.devices = _devices(r, q.devices, q.deviceCollections, q.deviceTokens);
        s.collections = new CollectionFacts[](q.collections.length);
        for (uint256 i = 0; i < q.collections.length; i++) {
            s.collections[i] = _collection(r, store, q.owner, q.collections[i], i < q.candidates.length ? q.candidates[i] : new uint256[](0));
        }
    }

    function _devices(ILensRegistry r, address[] calldata devices, address[] calldata collections, uint256[] calldata tokens)
        private
        view
        returns (DeviceFacts[] memory facts)
    {
        facts = new DeviceFacts[](devices.length);
        for (uint256 i = 0; i < devices.length; i++) {
            facts[i].nonce = r.nonces(devices[i]);
            facts[i].exists = r.exists(devices[i]);
            address nft = i < collections.length ? collections[i] : address(0);
            if (nft == address(0)) continue;
            facts[i].tokenUsed = r.registeredNFT(nft, tokens[i]);
            try ILensERC721(nft).ownerOf(tokens[i]) returns (address o) {
                facts[i].tokenOwner = o;
            } catch {}
        }
    }

    function _collection(ILensRegistry r, ILensStore store, address owner, address nft, uint256[] memory candidates)
        private
        view
        returns (CollectionFacts memory c)
    {
        c.projectId = store.deviceContractProject(nft);
        if (c.projectId != 0) {
            ILensProject p = ILensProject(store.project());
            c.projectName = p.name(c.projectId);
            c.projectType = p.projectType(c.projectId);
            c.applied = store.projectAppliedAmount(c.projectId);
            c.actived = store.projectActivedAmount(c.projectId);
        }
        ILensERC721 t = ILensERC721(nft);
        try t.isApprovedForAll(owner, address(r)) returns (bool all) {
            c.approvedForAll = all;
        } catch {}
        try t.balanceOf(owner) returns (uint256 b) {
            c.balance = b;
        } catch {}
        c.unusedTokenIds = new uint256[](MAX_UNUSED);
        uint256 count = 0;
        c.enumerable = true;
        uint256 n = c.balance < MAX_SCANNED ? c.balance : MAX_SCANNED;
        for (uint256 i = 0; i < n && count < MAX_UNUSED; i++) {
            try t.tokenOfOwnerByIndex(owner, i) returns (uint256 id) {
                if (!r.registeredNFT(nft, id)) c.unusedTokenIds[count++] = id;
            } catch {
                c.enumerable = false;
                count = 0;
                break;
            }
        }
        if (!c.enumerable || (c.balance == 0 && candidates.length > 0)) {
            c.enumerable = false;
            for (uint256 i = 0; i < candidates.length && i < MAX_SCANNED && count < MAX_UNUSED; i++) {
                try t.ownerOf(candidates[i]) returns (address o) {
                    if (o == owner && !r.registeredNFT(nft, candidates[i])) c.unusedTokenIds[count++] = candidates[i];
                } catch {}
            }
        }
        uint256[] memory ids = c.unusedTokenIds;
        assembly {
            mstore(ids, count)
        }
    }
}
