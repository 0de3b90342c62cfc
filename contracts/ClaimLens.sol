// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

interface ILensRegistry {
    function ioIDStore() external view returns (address);
    function ioID() external view returns (address);
    function nonces(address device) external view returns (uint256);
    function exists(address device) external view returns (bool);
    function registeredNFT(address nft, uint256 tokenId) external view returns (bool);
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}

interface ILensStore {
    function project() external view returns (address);
    function price() external view returns (uint256);
    function deviceContractProject(address nft) external view returns (uint256);
    function projectAppliedAmount(uint256 projectId) external view returns (uint256);
    function projectActivedAmount(uint256 projectId) external view returns (uint256);
}

interface ILensProject {
    function name(uint256 projectId) external view returns (string memory);
    function projectType(uint256 projectId) external view returns (uint8);
}

interface ILensERC721 {
    function ownerOf(uint256 tokenId) external view returns (address);
    function getApproved(uint256 tokenId) external view returns (address);
    function isApprovedForAll(address owner, address operator) external view returns (bool);
    function balanceOf(address owner) external view returns (uint256);
    function tokenOfOwnerByIndex(address owner, uint256 index) external view returns (uint256);
}

interface ILensProxy {
    function projectId() external view returns (uint256);
    function deviceNFT() external view returns (address);
    function verifier() external view returns (address);
}

interface ILensIoID {
    function ownerOf(uint256 tokenId) external view returns (address);
    function wallet(uint256 id) external view returns (address wallet_, string memory did_);
}

interface ILensRegistryDevice {
    function deviceTokenId(address device) external view returns (uint256);
}

interface IERC165Lens {
    function supportsInterface(bytes4 interfaceId) external view returns (bool);
}

/// @notice Everything the claim flow must know before the owner signs, gathered in ONE eth_call.
/// @dev Never deployed: the app runs it as a deployless read (creation code in eth_call), so it works on any
/// chain without Multicall3 and can chain dependent reads (the project id decides which quota to read).
/// @custom:export-bytecode
/// Calls that may revert on foreign contracts (custom device NFTs, missing tokens) are wrapped in try/catch:
/// a missing answer is reported, never a failed read.
contract ClaimLens {
    struct ClaimState {
        uint256 chainId;
        uint256 blockNumber;
        bytes32 domainSeparator;
        uint256 nonce;
        bool deviceExists;
        uint256 projectId;
        string projectName;
        uint8 projectType;
        uint256 price;
        uint256 applied;
        uint256 actived;
        bool nftUsed;
        bool nftExists;
        address nftOwner;
        address nftApproved;
        bool approvedForAll;
        uint256 ownerBalance;
        bool nftEnumerable;
        uint256[] ownerTokenIds;
        /// Parallel to ownerTokenIds: already used for a registration.
        bool[] ownerTokenUsed;
        /// The token the state describes: the one asked for, or the one picked.
        uint256 tokenId;
    }

    /// What a claim through a project's VerifyingProxy depends on; the owner needs no NFT there.
    struct ProxyState {
        uint256 chainId;
        uint256 blockNumber;
        bytes32 domainSeparator;
        uint256 nonce;
        bool deviceExists;
        /// False when `proxy` does not answer projectId()/deviceNFT()/verifier(): not a VerifyingProxy.
        bool proxyAnswers;
        uint256 proxyProjectId;
        address deviceNFT;
        address verifier;
        /// store.deviceContractProject(deviceNFT): equals proxyProjectId for a proxy of a registered project.
        uint256 boundProjectId;
        string projectName;
        uint256 price;
        uint256 applied;
        uint256 actived;
        uint256 ownerBalance;
    }

    /// Who holds a registered device's ioID and what its device wallet holds: what a take-over moves.
    struct HolderState {
        uint256 ioIDTokenId;
        address holder;
        address wallet;
        uint256 walletBalance;
    }

    uint256 internal constant MAX_TOKENS = 50;

    function inspectProxy(address registry, address device, address owner, address proxy) external view returns (ProxyState memory s) {
        ILensRegistry r = ILensRegistry(registry);
        ILensStore store = ILensStore(r.ioIDStore());
        s.chainId = block.chainid;
        s.blockNumber = block.number;
        s.domainSeparator = r.DOMAIN_SEPARATOR();
        s.nonce = r.nonces(device);
        s.deviceExists = r.exists(device);
        s.price = store.price();
        s.ownerBalance = owner.balance;
        if (proxy.code.length == 0) return s;
        try ILensProxy(proxy).projectId() returns (uint256 id) {
            s.proxyProjectId = id;
            s.deviceNFT = ILensProxy(proxy).deviceNFT();
            s.verifier = ILensProxy(proxy).verifier();
            s.proxyAnswers = true;
        } catch {
            return s;
        }
        s.boundProjectId = store.deviceContractProject(s.deviceNFT);
        if (s.boundProjectId == 0 || s.boundProjectId != s.proxyProjectId) return s;
        s.projectName = ILensProject(store.project()).name(s.boundProjectId);
        s.applied = store.projectAppliedAmount(s.boundProjectId);
        s.actived = store.projectActivedAmount(s.boundProjectId);
    }

    /// Zeroes when the device has no ioID.
    function inspectHolder(address registry, address device) external view returns (HolderState memory s) {
        ILensRegistry r = ILensRegistry(registry);
        if (!r.exists(device)) return s;
        ILensIoID ioID = ILensIoID(r.ioID());
        s.ioIDTokenId = ILensRegistryDevice(registry).deviceTokenId(device);
        s.holder = ioID.ownerOf(s.ioIDTokenId);
        (s.wallet, ) = ioID.wallet(s.ioIDTokenId);
        s.walletBalance = s.wallet.balance;
    }

    /// @param pickToken when true, `tokenId` is ignored and the owner's first unused token is described,
    /// so a claim without a token id still takes one round trip.
    /// @param candidates token ids the owner may hold (from Transfer logs) for collections that are not
    /// ERC-721 Enumerable; each is checked with ownerOf here, so stale logs cannot mislead the picker.
    function inspect(
        address registry,
        address device,
        address owner,
        address nft,
        uint256 tokenId,
        bool pickToken,
        uint256[] calldata candidates
    )
        external
        view
        returns (ClaimState memory s)
    {
        ILensRegistry r = ILensRegistry(registry);
        ILensStore store = ILensStore(r.ioIDStore());
        s.chainId = block.chainid;
        s.blockNumber = block.number;
        s.domainSeparator = r.DOMAIN_SEPARATOR();
        s.nonce = r.nonces(device);
        s.deviceExists = r.exists(device);
        s.price = store.price();
        s.ownerBalance = owner.balance;
        if (nft == address(0)) return s;

        s.projectId = store.deviceContractProject(nft);
        if (s.projectId != 0) {
            ILensProject p = ILensProject(store.project());
            s.projectName = p.name(s.projectId);
            s.projectType = p.projectType(s.projectId);
            s.applied = store.projectAppliedAmount(s.projectId);
            s.actived = store.projectActivedAmount(s.projectId);
        }
        ILensERC721 t = ILensERC721(nft);
        (s.nftEnumerable, s.ownerTokenIds) = _tokensOf(t, owner);
        if (!s.nftEnumerable) s.ownerTokenIds = _ownedAmong(t, owner, candidates);
        s.ownerTokenUsed = new bool[](s.ownerTokenIds.length);
        bool picked = false;
        for (uint256 i = 0; i < s.ownerTokenIds.length; i++) {
            s.ownerTokenUsed[i] = r.registeredNFT(nft, s.ownerTokenIds[i]);
            if (pickToken && !picked && !s.ownerTokenUsed[i]) {
                tokenId = s.ownerTokenIds[i];
                picked = true;
            }
        }
        if (pickToken && !picked) return s;
        s.tokenId = tokenId;
        s.nftUsed = r.registeredNFT(nft, tokenId);

        try t.ownerOf(tokenId) returns (address o) {
            s.nftExists = true;
            s.nftOwner = o;
        } catch {}
        if (s.nftExists) {
            try t.getApproved(tokenId) returns (address a) {
                s.nftApproved = a;
            } catch {}
        }
        try t.isApprovedForAll(owner, registry) returns (bool all) {
            s.approvedForAll = all;
        } catch {}
    }

    /// @dev (false, []) when the collection is not ERC-721 Enumerable: the app then asks for the token id.
    function _tokensOf(ILensERC721 t, address owner) private view returns (bool enumerable, uint256[] memory ids) {
        uint256 balance;
        try t.balanceOf(owner) returns (uint256 b) {
            balance = b;
        } catch {
            return (false, ids);
        }
        uint256 n = balance < MAX_TOKENS ? balance : MAX_TOKENS;
        ids = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            try t.tokenOfOwnerByIndex(owner, i) returns (uint256 id) {
                ids[i] = id;
            } catch {
                return (false, new uint256[](0));
            }
        }
        // A zero balance proves nothing either way; probing index 0 of someone's list would, but costs a call.
        enumerable = n > 0 || _supportsEnumerable(t);
    }

    function _ownedAmong(ILensERC721 t, address owner, uint256[] calldata candidates) private view returns (uint256[] memory ids) {
        uint256 n = candidates.length < MAX_TOKENS ? candidates.length : MAX_TOKENS;
        ids = new uint256[](n);
        uint256 count = 0;
        for (uint256 i = 0; i < n; i++) {
            try t.ownerOf(candidates[i]) returns (address o) {
                if (o == owner) ids[count++] = candidates[i];
            } catch {}
        }
        assembly {
            mstore(ids, count)
        }
    }

    function _supportsEnumerable(ILensERC721 t) private view returns (bool) {
        try IERC165Lens(address(t)).supportsInterface(0x780e9d63) returns (bool yes) {
            return yes;
        } catch {
            return false;
        }
    }
}
