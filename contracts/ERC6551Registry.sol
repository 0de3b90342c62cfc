// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC6551Registry} from "./interfaces/IERC6551Registry.sol";

/// @title ERC6551Registry
/// @notice Stateless ERC-6551 (v0.3) registry: token-bound accounts are CREATE2 deployments of an ERC-1167-style
/// proxy whose runtime code ends with the footer abi.encode(salt, chainId, tokenContract, tokenId).
/// @dev Holds no state, so its runtime code can be placed anywhere (the devnet puts it at the canonical address
/// 0x000000006551c19487814612e58FE06813775758 with anvil_setCode).
contract ERC6551Registry is IERC6551Registry {
    function createAccount(
        address implementation,
        bytes32 salt,
        uint256 chainId,
        address tokenContract,
        uint256 tokenId
    ) external returns (address) {
        bytes memory code = _creationCode(implementation, salt, chainId, tokenContract, tokenId);
        address predicted = _predict(code, salt);
        if (predicted.code.length != 0) return predicted;

        address created;
        assembly {
            created := create2(0, add(code, 0x20), mload(code), salt)
        }
        if (created == address(0)) revert AccountCreationFailed();
        emit ERC6551AccountCreated(created, implementation, salt, chainId, tokenContract, tokenId);
        return created;
    }

    function account(
        address implementation,
        bytes32 salt,
        uint256 chainId,
        address tokenContract,
        uint256 tokenId
    ) external view returns (address) {
        return _predict(_creationCode(implementation, salt, chainId, tokenContract, tokenId), salt);
    }

    function _predict(bytes memory code, bytes32 salt) private view returns (address) {
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, keccak256(code))))));
    }

    /// @dev 10-byte constructor returning the 173-byte runtime: 45 bytes of ERC-1167 proxy plus the 128-byte footer.
    function _creationCode(
        address implementation,
        bytes32 salt,
        uint256 chainId,
        address tokenContract,
        uint256 tokenId
    ) private pure returns (bytes memory) {
        return abi.encodePacked(
            hex"3d60ad80600a3d3981f3363d3d373d3d3d363d73",
            implementation,
            hex"5af43d82803e903d91602b57fd5bf3",
            abi.encode(salt, chainId, tokenContract, tokenId)
        );
    }
}
