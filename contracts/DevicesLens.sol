// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import {ILensERC721, ILensProject, ILensRegistry, ILensStore} from "./ClaimLens.sol";

/// What the list reads beyond the claim's lens interfaces.
interface IDevicesLensRegistry is ILensRegistry {
    function documentHash(address device) external view returns (bytes32);
    function documentURI(address device) external view returns (string memory);
    function deviceTokenId(address device) external view returns (uint256);
}

interface IDevicesLensIoID is ILensERC721 {
    function wallet(uint256 id) external view returns (address wallet, string memory did);
    function deviceProject(address device) external view returns (uint256);
}

interface IDevicesLensStore is ILensStore {
    function projectDeviceContract(uint256 projectId) external view returns (address);
}

/// @notice Everything the device list and detail pages show about ioIDs, gathered in one eth_call per chunk.
/// @dev Never deployed: the app runs it as a deployless read (creation code in eth_call). Multicall3 cannot do
/// this in one round: the device behind an ioID, its record and its project's name are each known only after the
/// previous read. Every call into the suite is wrapped in try/catch, so one odd token yields an incomplete row,
/// never a failed page. A deployless read returns its result as contract code, which EIP-170 caps at 24,576
/// bytes: the caller sizes chunks and gives a byte budget for document URIs; a URI that does not fit is
/// "deferred" (its length is returned) and read directly from the registry, where no such cap applies.
/// @custom:export-bytecode
contract DevicesLens {
    /// documentURI was returned in full / was longer than the caller's cap (omitted) / could not be read /
    /// fits the cap but not this call's byte budget (read it from the registry).
    uint8 internal constant URI_OK = 0;
    uint8 internal constant URI_OVER_CAP = 1;
    uint8 internal constant URI_UNREADABLE = 2;
    uint8 internal constant URI_DEFERRED = 3;
    /// Project names are owner-chosen and unbounded; rows show at most this many bytes.
    uint256 internal constant PROJECT_NAME_MAX = 96;

    struct Header {
        uint256 chainId;
        uint256 blockNumber;
        /// ioID.balanceOf(owner) for ownedBy; the number of items asked for otherwise.
        uint256 total;
    }

    struct DeviceView {
        /// ioID token id; 0 when the device has no registration.
        uint256 id;
        address owner;
        /// address(0) once the registration was removed (the ioID token itself survives).
        address device;
        address wallet;
        uint256 walletBalance;
        bool registered;
        uint256 nonce;
        bytes32 documentHash;
        string documentURI;
        uint256 documentURILength;
        uint8 documentURIState;
        uint256 projectId;
        string projectName;
        /// The project's device-NFT contract, and how many of its tokens the device wallet holds.
        address deviceNFT;
        uint256 deviceNFTBalance;
        /// Known only when the collection is ERC-721 Enumerable; otherwise the app reads Transfer logs.
        bool deviceNFTTokenIdKnown;
        uint256 deviceNFTTokenId;
    }

    struct Suite {
        IDevicesLensRegistry registry;
        IDevicesLensIoID ioID;
        IDevicesLensStore store;
        ILensProject project;
        uint256 uriCap;
        /// URI bytes this call may still return.
        uint256 uriBudget;
    }

    function ownedBy(address registry, address owner, uint256 offset, uint256 limit, uint256 uriCap, uint256 uriBudget)
        external
        view
        returns (Header memory h, DeviceView[] memory items)
    {
        Suite memory s = _suite(registry, uriCap, uriBudget);
        h = _header(0);
        try s.ioID.balanceOf(owner) returns (uint256 b) {
            h.total = b;
        } catch {}
        uint256 end = offset + limit < h.total ? offset + limit : h.total;
        items = new DeviceView[](end > offset ? end - offset : 0);
        for (uint256 i = 0; i < items.length; i++) {
            try s.ioID.tokenOfOwnerByIndex(owner, offset + i) returns (uint256 id) {
                items[i] = _byId(s, id);
            } catch {}
        }
    }

    function byIds(address registry, uint256[] calldata ids, uint256 uriCap, uint256 uriBudget)
        external
        view
        returns (Header memory h, DeviceView[] memory items)
    {
        Suite memory s = _suite(registry, uriCap, uriBudget);
        h = _header(ids.length);
        items = new DeviceView[](ids.length);
        for (uint256 i = 0; i < ids.length; i++) items[i] = _byId(s, ids[i]);
    }

    function byDevices(address registry, address[] calldata devices, uint256 uriCap, uint256 uriBudget)
        external
        view
        returns (Header memory h, DeviceView[] memory items)
    {
        Suite memory s = _suite(registry, uriCap, uriBudget);
        h = _header(devices.length);
        items = new DeviceView[](devices.length);
        for (uint256 i = 0; i < devices.length; i++) {
            uint256 id;
            try s.registry.deviceTokenId(devices[i]) returns (uint256 found) {
                id = found;
            } catch {}
            if (id != 0) {
                items[i] = _byId(s, id);
            } else {
                // Never registered, or removed (the registry forgets the token id): describe the device alone.
                items[i].device = devices[i];
                _fillDevice(s, items[i]);
            }
        }
    }

    function _suite(address registry, uint256 uriCap, uint256 uriBudget) private view returns (Suite memory s) {
        s.uriCap = uriCap;
        s.uriBudget = uriBudget;
        s.registry = IDevicesLensRegistry(registry);
        s.ioID = IDevicesLensIoID(s.registry.ioID());
        s.store = IDevicesLensStore(s.registry.ioIDStore());
        s.project = ILensProject(s.store.project());
    }

    function _header(uint256 total) private view returns (Header memory) {
        return Header({chainId: block.chainid, blockNumber: block.number, total: total});
    }

    function _byId(Suite memory s, uint256 id) private view returns (DeviceView memory v) {
        v.id = id;
        try s.ioID.ownerOf(id) returns (address o) {
            v.owner = o;
        } catch {}
        try s.ioID.wallet(id) returns (address w, string memory did) {
            v.wallet = w;
            v.device = _parseDid(bytes(did));
        } catch {}
        if (v.wallet != address(0)) v.walletBalance = v.wallet.balance;
        if (v.device != address(0)) _fillDevice(s, v);
    }

    function _fillDevice(Suite memory s, DeviceView memory v) private view {
        try s.registry.nonces(v.device) returns (uint256 n) {
            v.nonce = n;
        } catch {}
        try s.registry.exists(v.device) returns (bool e) {
            v.registered = e;
        } catch {}
        if (!v.registered) return;
        try s.registry.documentHash(v.device) returns (bytes32 hash) {
            v.documentHash = hash;
        } catch {}
        _readUri(s, v);
        try s.ioID.deviceProject(v.device) returns (uint256 projectId) {
            v.projectId = projectId;
        } catch {}
        if (v.projectId == 0) return;
        try s.project.name(v.projectId) returns (string memory n) {
            if (bytes(n).length > PROJECT_NAME_MAX) {
                assembly {
                    mstore(n, PROJECT_NAME_MAX)
                }
            }
            v.projectName = n;
        } catch {}
        try s.store.projectDeviceContract(v.projectId) returns (address nft) {
            v.deviceNFT = nft;
        } catch {}
        if (v.deviceNFT == address(0) || v.wallet == address(0)) return;
        ILensERC721 nft = ILensERC721(v.deviceNFT);
        try nft.balanceOf(v.wallet) returns (uint256 b) {
            v.deviceNFTBalance = b;
        } catch {}
        if (v.deviceNFTBalance == 0) return;
        try nft.tokenOfOwnerByIndex(v.wallet, 0) returns (uint256 tokenId) {
            v.deviceNFTTokenId = tokenId;
            v.deviceNFTTokenIdKnown = true;
        } catch {}
    }

    /// @dev A hostile record can hold a URI of any size; its gas is bounded by the cap so one row cannot sink a page.
    function _readUri(Suite memory s, DeviceView memory v) private view {
        uint256 gasBudget = 100_000 + (s.uriCap / 32 + 2) * 2_600;
        try s.registry.documentURI{gas: gasBudget}(v.device) returns (string memory uri) {
            uint256 length = bytes(uri).length;
            uint256 padded = (length + 31) & ~uint256(31);
            v.documentURILength = length;
            if (length > s.uriCap) {
                v.documentURIState = URI_OVER_CAP;
            } else if (padded > s.uriBudget) {
                v.documentURIState = URI_DEFERRED;
            } else {
                s.uriBudget -= padded;
                v.documentURI = uri;
            }
        } catch {
            v.documentURIState = URI_UNREADABLE;
        }
    }

    /// @dev "did:io:0x" + 40 hex digits (any case) -> the address; address(0) for anything else.
    function _parseDid(bytes memory did) private pure returns (address) {
        if (did.length != 49) return address(0);
        bytes memory prefix = "did:io:0x";
        for (uint256 i = 0; i < 9; i++) {
            if (did[i] != prefix[i]) return address(0);
        }
        uint160 value;
        for (uint256 i = 9; i < 49; i++) {
            uint8 c = uint8(did[i]);
            uint8 d;
            if (c >= 48 && c <= 57) d = c - 48;
            else if (c >= 97 && c <= 102) d = c - 87;
            else if (c >= 65 && c <= 70) d = c - 55;
            else return address(0);
            value = value * 16 + d;
        }
        return address(value);
    }
}
