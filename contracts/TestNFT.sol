// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @title TestNFT
/// @notice Devnet stand-in for an NFT a device wallet receives besides its device NFT (a badge, a land plot).
/// Ids start at 1.
contract TestNFT is ERC721, Ownable {
    uint256 private _lastId;

    constructor(string memory name_, string memory symbol_) ERC721(name_, symbol_) {}

    function mint(address to) external onlyOwner returns (uint256 id) {
        id = ++_lastId;
        _mint(to, id);
    }
}
