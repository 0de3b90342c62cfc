// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

import {ProjectType} from "./interfaces/IProject.sol";

/// @title Project
/// @notice One ERC-721 token per DePIN project ("ioID Project"/"IPN"). Tokens are minted only by the minter
/// (the ProjectRegistry); project names are unique and non-empty. The owner of a project token manages its
/// name, its operators and its metadata.
/// @dev Deployed without constructor arguments, then initialized, like the live upgradeable proxy.
contract Project is ERC721, Ownable, Initializable {
    event SetMinter(address indexed minter);
    event SetName(uint256 indexed projectId, string name);
    event AddOperator(uint256 indexed projectId, address operator);
    event RemoveOperator(uint256 indexed projectId, address operator);
    event AddMetadata(uint256 indexed projectId, string name, bytes32 key, bytes value);

    address public minter;

    string private _tokenName;
    string private _tokenSymbol;
    uint256 private _lastProjectId;
    mapping(bytes32 => bool) private _takenNames;
    mapping(uint256 => string) private _names;
    mapping(uint256 => ProjectType) private _types;
    mapping(uint256 => mapping(address => bool)) private _operators;
    mapping(uint256 => mapping(bytes32 => bytes)) private _metadata;

    constructor() ERC721("", "") {}

    function initialize(string calldata name_, string calldata symbol_) external initializer {
        _tokenName = name_;
        _tokenSymbol = symbol_;
        if (owner() != msg.sender) _transferOwnership(msg.sender);
        _setMinter(msg.sender);
    }

    function name() public view override returns (string memory) {
        return _tokenName;
    }

    function symbol() public view override returns (string memory) {
        return _tokenSymbol;
    }

    /// @notice Deprecated: mints a hardware project without a name.
    function mint(address owner_) external returns (uint256 projectId) {
        require(msg.sender == minter, "not minter");
        projectId = ++_lastProjectId;
        _mint(owner_, projectId);
    }

    function mint(address owner_, string calldata projectName) external returns (uint256) {
        return _mintNamed(owner_, projectName, ProjectType.Hardware);
    }

    function mint(address owner_, string calldata projectName, ProjectType type_) external returns (uint256) {
        return _mintNamed(owner_, projectName, type_);
    }

    function name(uint256 projectId) external view returns (string memory) {
        _requireMinted(projectId);
        return _names[projectId];
    }

    function projectType(uint256 projectId) external view returns (ProjectType) {
        _requireMinted(projectId);
        return _types[projectId];
    }

    function count() external view returns (uint256) {
        return _lastProjectId;
    }

    function setName(uint256 projectId, string calldata projectName) external {
        require(msg.sender == ownerOf(projectId), "invalid owner");
        bytes32 nameHash = _claimName(projectName);
        bytes memory previous = bytes(_names[projectId]);
        if (previous.length != 0) _takenNames[keccak256(previous)] = false;
        _takenNames[nameHash] = true;
        _names[projectId] = projectName;
        emit SetName(projectId, projectName);
    }

    function addOperator(uint256 projectId, address operator) external {
        require(msg.sender == ownerOf(projectId), "invalid owner");
        _operators[projectId][operator] = true;
        emit AddOperator(projectId, operator);
    }

    function removeOperator(uint256 projectId, address operator) external {
        require(msg.sender == ownerOf(projectId), "invalid owner");
        delete _operators[projectId][operator];
        emit RemoveOperator(projectId, operator);
    }

    function setMetadata(uint256 projectId, string calldata key, bytes calldata value) external {
        require(msg.sender == ownerOf(projectId) || _operators[projectId][msg.sender], "invalid operator");
        bytes32 keyHash = keccak256(bytes(key));
        _metadata[projectId][keyHash] = value;
        emit AddMetadata(projectId, key, keyHash, value);
    }

    function metadata(uint256 projectId, string calldata key) external view returns (bytes memory) {
        return _metadata[projectId][keccak256(bytes(key))];
    }

    function setMinter(address minter_) external onlyOwner {
        _setMinter(minter_);
    }

    function _setMinter(address minter_) private {
        minter = minter_;
        emit SetMinter(minter_);
    }

    function _mintNamed(address owner_, string calldata projectName, ProjectType type_)
        private
        returns (uint256 projectId)
    {
        require(msg.sender == minter, "not minter");
        bytes32 nameHash = _claimName(projectName);
        projectId = ++_lastProjectId;
        _mint(owner_, projectId);
        _names[projectId] = projectName;
        _types[projectId] = type_;
        _takenNames[nameHash] = true;
        emit SetName(projectId, projectName);
    }

    /// @dev Checks that a name is usable and returns its hash.
    function _claimName(string calldata projectName) private view returns (bytes32 nameHash) {
        require(bytes(projectName).length != 0, "empty name");
        nameHash = keccak256(bytes(projectName));
        require(!_takenNames[nameHash], "exist name");
    }
}
