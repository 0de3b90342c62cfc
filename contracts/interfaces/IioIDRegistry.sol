// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IioIDRegistry {
    function documentID(address device) external pure returns (string memory);
}
