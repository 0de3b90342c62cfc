// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Enumerable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IERC6551Registry} from "./interfaces/IERC6551Registry.sol";
import {IioIDRegistry} from "./interfaces/IioIDRegistry.sol";

/// @title ioID
/// @notice One enumerable ERC-721 token per registered device, minted by the ioIDRegistry (the minter).
/// Each token gets an ERC-6551 account (the device wallet) and is linked to its device DID
/// ("did:io:" + lowercase 0x address). Devices of a project form a linked list for paging.
contract ioID is ERC721Enumerable, Initializable {
    using Strings for address;

    event CreateIoID(address indexed owner, uint256 id, address wallet, string did);
    event RemoveDIDWallet(address indexed wallet, string did);
    event Migrate(address indexed oldOwner, address indexed newOwner, uint256 id);
    event SetResolver(uint256 id, address indexed resolver);
    event SetMinter(address indexed minter);

    /// @dev Head of every project's device list; the list ends at address(0).
    address private constant SENTINEL = address(1);

    address public minter;
    address public walletRegistry;
    address public walletImplementation;
    mapping(address => uint256) public deviceProject;
    mapping(uint256 => uint256) public projectDeviceCount;

    string private _tokenName;
    string private _tokenSymbol;
    uint256 private _lastId;
    mapping(bytes32 => address) private _didWallets;
    mapping(uint256 => address) private _devices;
    mapping(address => uint256) private _deviceIds;
    mapping(uint256 => mapping(address => address)) private _projectDevices;
    mapping(uint256 => mapping(address => bool)) private _listed;
    mapping(uint256 => address) private _resolvers;

    constructor() ERC721("", "") {}

    function initialize(
        address minter_,
        address walletRegistry_,
        address walletImplementation_,
        string calldata name_,
        string calldata symbol_
    ) external initializer {
        _tokenName = name_;
        _tokenSymbol = symbol_;
        walletRegistry = walletRegistry_;
        walletImplementation = walletImplementation_;
        minter = minter_;
        emit SetMinter(minter_);
    }

    modifier onlyMinter() {
        require(msg.sender == minter, "invalid minter");
        _;
    }

    function name() public view override returns (string memory) {
        return _tokenName;
    }

    function symbol() public view override returns (string memory) {
        return _tokenSymbol;
    }

    function setMinter(address minter_) external onlyMinter {
        require(minter_ != address(0), "zero minter");
        minter = minter_;
        emit SetMinter(minter_);
    }

    /// @notice Mints the next ioID (ids start at 1) to `owner_` and creates its device wallet.
    function mint(uint256 projectId, address device, address owner_) external onlyMinter returns (uint256 id) {
        id = ++_lastId;
        _mint(owner_, id);

        address account = IERC6551Registry(walletRegistry).createAccount(
            walletImplementation,
            bytes32(0),
            block.chainid,
            address(this),
            id
        );
        string memory did_ = _did(device);
        _didWallets[keccak256(bytes(did_))] = account;
        _devices[id] = device;
        _deviceIds[device] = id;

        if (!_listed[projectId][device]) {
            _listed[projectId][device] = true;
            _projectDevices[projectId][device] = _projectDevices[projectId][SENTINEL];
            _projectDevices[projectId][SENTINEL] = device;
        }
        projectDeviceCount[projectId] += 1;
        deviceProject[device] = projectId;

        emit CreateIoID(owner_, id, account, did_);
    }

    /// @notice Moves an ioID to a new owner without approval; the registry checks the device's signature.
    function migrate(uint256 id, address to) external onlyMinter {
        address from = ownerOf(id);
        // Like the live contract: a new owner that is a contract must accept ERC-721 tokens.
        _safeTransfer(from, to, id, "");
        emit Migrate(from, to, id);
    }

    /// @notice Unlinks a device's DID from its wallet. The ioID token itself is kept.
    function removeDID(address device) external onlyMinter {
        string memory did_ = _did(device);
        bytes32 key = keccak256(bytes(did_));
        address account = _didWallets[key];
        require(account != address(0), "wallet not exist");
        delete _didWallets[key];
        delete _devices[_deviceIds[device]];
        delete _deviceIds[device];
        emit RemoveDIDWallet(account, did_);
    }

    function setResolver(uint256 id, address resolver_) external {
        require(ownerOf(id) == msg.sender, "not ioID owner");
        require(resolver_ != address(0), "zero address");
        _resolvers[id] = resolver_;
        emit SetResolver(id, resolver_);
    }

    function resolver(uint256 id) external view returns (address) {
        return _resolvers[id];
    }

    /// @notice The device wallet of an ioID, and the DID it is linked to ("" once removed or never minted).
    function wallet(uint256 id) external view returns (address wallet_, string memory did_) {
        wallet_ = IERC6551Registry(walletRegistry).account(walletImplementation, bytes32(0), block.chainid, address(this), id);
        address device = _devices[id];
        if (device != address(0)) did_ = _did(device);
    }

    /// @notice The device wallet linked to a DID, keyed by the exact string (use the lowercase form).
    function wallet(string calldata did_) external view returns (address) {
        return _didWallets[keccak256(bytes(did_))];
    }

    /// @notice The device's DID as the registry (the minter) writes it.
    function did(address device) external view returns (string memory) {
        return IioIDRegistry(minter).documentID(device);
    }

    function _did(address device) private pure returns (string memory) {
        return string.concat("did:io:", device.toHexString());
    }

    /// @notice One page of a project's devices, newest first. Pass address(1) as `start` for the first page.
    /// @return array up to `pageSize` devices following `start`
    /// @return next the first device not returned, or address(0) when the list is exhausted; continue with
    /// `start` = the last device of `array`
    function projectIDs(uint256 projectId, address start, uint256 pageSize)
        external
        view
        returns (address[] memory array, address next)
    {
        mapping(address => address) storage list = _projectDevices[projectId];
        array = new address[](pageSize);
        uint256 found;
        next = list[start];
        while (next != address(0) && next != SENTINEL && found < pageSize) {
            array[found++] = next;
            next = list[next];
        }
        assembly {
            mstore(array, found)
        }
    }
}
