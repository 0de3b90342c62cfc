// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IioID} from "./interfaces/IioID.sol";
import {IioIDStore} from "./interfaces/IioIDStore.sol";

/// @title ioIDRegistry
/// @notice Binds a device (its secp256k1 key, as an address) to an owner and to one device NFT, mints the
/// device's ioID and records its DID Document hash and URI. Every state change is authorised by the device's
/// EIP-712 signature of Permit(address owner,uint256 nonce), checked with plain ecrecover (high-s accepted).
contract ioIDRegistry is Initializable {
    using Strings for address;

    event NewDevice(address indexed device, address owner, bytes32 hash, string uri);
    event UpdateDevice(address indexed device, address owner, bytes32 hash, string uri);
    event RemoveDevice(address indexed device, address owner);
    /// @dev Declared for interface parity; migrations are reported by ioID's Migrate event.
    event Migrate(address indexed device, address owner);
    event SetIoIdStore(address indexed ioIDStore);

    bytes32 public constant EIP712DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant PERMIT_TYPEHASH = keccak256("Permit(address owner,uint256 nonce)");
    string public constant METHOD = "did:io:";

    // solhint-disable-next-line var-name-mixedcase
    bytes32 public DOMAIN_SEPARATOR;
    address public ioIDStore;
    address public ioID;
    mapping(address => mapping(uint256 => bool)) public registeredNFT;

    struct Record {
        bytes32 hash;
        string uri;
    }

    mapping(address => Record) private _records;
    mapping(address => uint256) private _tokenIds;
    mapping(address => uint256) private _nonces;

    modifier deviceExists(address device) {
        require(_records[device].hash != bytes32(0), "device not exists");
        _;
    }

    function initialize(address ioIDStore_, address ioID_) external initializer {
        DOMAIN_SEPARATOR = keccak256(
            abi.encode(
                EIP712DOMAIN_TYPEHASH,
                keccak256(bytes("ioIDRegistry")),
                keccak256(bytes("1")),
                block.chainid,
                address(this)
            )
        );
        ioIDStore = ioIDStore_;
        ioID = ioID_;
    }

    function setIoIDStore(address ioIDStore_) external {
        require(msg.sender == ioIDStore, "invalid factory");
        ioIDStore = ioIDStore_;
        emit SetIoIdStore(ioIDStore_);
    }

    /// @notice Registers `device` for the caller with device NFT `tokenId` of `deviceContract`.
    function register(
        address deviceContract,
        uint256 tokenId,
        address device,
        bytes32 hash,
        string calldata uri,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external payable {
        _register(deviceContract, tokenId, msg.sender, device, hash, uri, v, r, s);
    }

    /// @notice Registers `device` for `user`; anyone may submit it, the device's Permit names `user`.
    function register(
        address deviceContract,
        uint256 tokenId,
        address user,
        address device,
        bytes32 hash,
        string calldata uri,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external payable {
        _register(deviceContract, tokenId, user, device, hash, uri, v, r, s);
    }

    function update(address device, bytes32 hash, string calldata uri, uint8 v, bytes32 r, bytes32 s)
        external
        deviceExists(device)
    {
        _usePermit(msg.sender, device, v, r, s);
        _setRecord(device, hash, uri);
        emit UpdateDevice(device, msg.sender, hash, uri);
    }

    /// @notice Deletes the device's record and its DID link. The ioID is not burned, the device NFT stays in the
    /// device wallet and stays marked as used.
    function remove(address device, uint8 v, bytes32 r, bytes32 s) external deviceExists(device) {
        _usePermit(msg.sender, device, v, r, s);
        IioID(ioID).removeDID(device);
        delete _records[device];
        delete _tokenIds[device];
        emit RemoveDevice(device, msg.sender);
    }

    /// @notice Moves the device's ioID to `user`; anyone may submit it, the device's Permit names `user`.
    function migrate(address device, address user, uint8 v, bytes32 r, bytes32 s) external deviceExists(device) {
        _usePermit(user, device, v, r, s);
        IioID(ioID).migrate(_tokenIds[device], user);
    }

    function nonces(address device) public view returns (uint256) {
        return _nonces[device];
    }

    /// @notice The EIP-712 struct hash of Permit(owner, nonces(device)); not the final digest.
    function permitHash(address owner, address device) external view returns (bytes32) {
        return keccak256(abi.encode(PERMIT_TYPEHASH, owner, _nonces[device]));
    }

    function exists(address device) external view returns (bool) {
        return _records[device].hash != bytes32(0);
    }

    function documentID(address device) external pure returns (string memory) {
        return string.concat(METHOD, device.toHexString());
    }

    function documentHash(address device) external view deviceExists(device) returns (bytes32) {
        return _records[device].hash;
    }

    function documentURI(address device) external view deviceExists(device) returns (string memory) {
        return _records[device].uri;
    }

    function deviceTokenId(address device) external view deviceExists(device) returns (uint256) {
        return _tokenIds[device];
    }

    function _register(
        address deviceContract,
        uint256 tokenId,
        address user,
        address device,
        bytes32 hash,
        string calldata uri,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) private {
        uint256 projectId = _checkRegistration(deviceContract, tokenId, user, device);
        IioIDStore(ioIDStore).activeIoID{value: msg.value}(projectId);
        _usePermit(user, device, v, r, s);
        _setRecord(device, hash, uri);
        _mintAndBind(projectId, deviceContract, tokenId, user, device);
        emit NewDevice(device, user, hash, uri);
    }

    /// @dev The checks before any state change, in the live contract's order; returns the project id.
    function _checkRegistration(address deviceContract, uint256 tokenId, address user, address device)
        private
        view
        returns (uint256 projectId)
    {
        require(device != address(0), "device is the zero address");
        require(user != address(0), "user is the zero address");
        require(!registeredNFT[deviceContract][tokenId], "nft already used");
        require(_records[device].hash == bytes32(0), "device exists");
        projectId = IioIDStore(ioIDStore).deviceContractProject(deviceContract);
        require(projectId != 0, "invalid project");
    }

    function _mintAndBind(uint256 projectId, address deviceContract, uint256 tokenId, address user, address device)
        private
    {
        uint256 id = IioID(ioID).mint(projectId, device, user);
        _tokenIds[device] = id;
        (address account, ) = IioID(ioID).wallet(id);
        IERC721(deviceContract).safeTransferFrom(user, account, tokenId);
        registeredNFT[deviceContract][tokenId] = true;
    }

    /// @dev Consumes the device's nonce and checks its signature of Permit(owner, nonce).
    function _usePermit(address owner, address device, uint8 v, bytes32 r, bytes32 s) private {
        uint256 nonce = _nonces[device]++;
        bytes32 digest = keccak256(
            abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR, keccak256(abi.encode(PERMIT_TYPEHASH, owner, nonce)))
        );
        require(ecrecover(digest, v, r, s) == device, "invalid signature");
    }

    function _setRecord(address device, bytes32 hash, string calldata uri) private {
        require(hash != bytes32(0), "empty hash");
        _records[device].hash = hash;
        _records[device].uri = uri;
    }
}
