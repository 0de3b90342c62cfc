// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Enumerable.sol";

import {DeviceNFT} from "./DeviceNFT.sol";

/// @title EnumerableDeviceNFT
/// @notice DeviceNFT with ERC721Enumerable: a collection whose holdings an app can list with tokenOfOwnerByIndex
/// instead of reading Transfer logs. Some projects ship one, most do not; the devnet has both kinds.
contract EnumerableDeviceNFT is DeviceNFT, ERC721Enumerable {
    function name() public view override(DeviceNFT, ERC721) returns (string memory) {
        return DeviceNFT.name();
    }

    function symbol() public view override(DeviceNFT, ERC721) returns (string memory) {
        return DeviceNFT.symbol();
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC721, ERC721Enumerable) returns (bool) {
        return ERC721Enumerable.supportsInterface(interfaceId);
    }

    function _baseURI() internal view override(DeviceNFT, ERC721) returns (string memory) {
        return DeviceNFT._baseURI();
    }

    function _beforeTokenTransfer(address from, address to, uint256 firstTokenId, uint256 batchSize)
        internal
        override(ERC721, ERC721Enumerable)
    {
        ERC721Enumerable._beforeTokenTransfer(from, to, firstTokenId, batchSize);
    }
}
