// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

/// @title DeviceNFT
/// @notice Example device-NFT collection a project sells with its devices. Owner-configured minters mint within
/// their allowance; ids start at 1.
contract DeviceNFT is ERC721, Ownable, Initializable {
    event MinterConfigured(address indexed minter, uint256 minterAllowedAmount);
    event MinterAllowanceIncremented(address indexed owner, address indexed minter, uint256 allowanceIncrement);
    event MinterRemoved(address indexed minter);
    event SetBaseURI(string baseURI);

    string private _tokenName;
    string private _tokenSymbol;
    string private _base;
    uint256 private _lastId;
    mapping(address => bool) private _minters;
    mapping(address => uint256) private _allowances;

    constructor() ERC721("", "") {}

    function initialize(string calldata name_, string calldata symbol_) external initializer {
        _tokenName = name_;
        _tokenSymbol = symbol_;
        if (owner() != msg.sender) _transferOwnership(msg.sender);
    }

    function name() public view virtual override returns (string memory) {
        return _tokenName;
    }

    function symbol() public view virtual override returns (string memory) {
        return _tokenSymbol;
    }

    function total() external view returns (uint256) {
        return _lastId;
    }

    function isMinter(address account) external view returns (bool) {
        return _minters[account];
    }

    function minterAllowance(address minter) external view returns (uint256) {
        return _allowances[minter];
    }

    function configureMinter(address minter, uint256 allowance) external onlyOwner {
        _minters[minter] = true;
        _allowances[minter] = allowance;
        emit MinterConfigured(minter, allowance);
    }

    function incrementMinterAllowance(address minter, uint256 increment) external onlyOwner {
        require(increment > 0, "zero amount");
        require(_minters[minter], "not minter");
        _allowances[minter] += increment;
        emit MinterAllowanceIncremented(msg.sender, minter, increment);
    }

    function removeMinter(address minter) external onlyOwner {
        delete _minters[minter];
        delete _allowances[minter];
        emit MinterRemoved(minter);
    }

    function setBaseURI(string calldata baseURI) external onlyOwner {
        _base = baseURI;
        emit SetBaseURI(baseURI);
    }

    function mint(address to) external returns (uint256 tokenId) {
        require(to != address(0), "zero address");
        require(_allowances[msg.sender] > 0, "exceeds minterAllowance");
        unchecked {
            _allowances[msg.sender] -= 1;
        }
        tokenId = ++_lastId;
        _mint(to, tokenId);
    }

    function _baseURI() internal view virtual override returns (string memory) {
        return _base;
    }
}
