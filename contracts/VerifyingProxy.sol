// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {ProjectType} from "./interfaces/IProject.sol";
import {
    IDeviceNFTForProxy,
    IioIDRegistryForProxy,
    IioIDStoreForProxy,
    IProjectRegistryForProxy
} from "./interfaces/IVerifyingProxyDeps.sol";

/// @title VerifyingProxy
/// @notice A project-side registration path (IoTeX's VerifyingProxy, written from its public interface): the
/// project's verifier vouches for (chain, owner, device) with an EIP-191 signature, the proxy mints a device NFT
/// to itself and registers the device with itself as the registry's `user` — so the device signs
/// Permit(owner = this proxy) — then hands the ioID to the owner. The owner needs no device NFT and no approval.
contract VerifyingProxy is Ownable, Initializable {
    event Registered(address indexed owner, address indexed device, uint256 deviceTokenId, uint256 ioIDTokenID);
    event VerifierChanged(address indexed verifier);

    address public ioIDRegistry;
    address public deviceNFT;
    address public verifier;
    uint256 public projectId;

    /// @notice Registers the project (this proxy owns its Project token), binds `deviceNFT_` to it, makes itself
    /// the NFT's minter for `amount` devices and, for a hardware project, prepays `amount` ioIDs with msg.value.
    /// The proxy must own `deviceNFT_` beforehand (transferOwnership) so it can configure itself as minter.
    function initialize(
        address ioIDRegistry_,
        address projectRegistry,
        address deviceNFT_,
        address verifier_,
        string calldata projectName,
        ProjectType type_,
        uint256 amount
    ) external payable initializer {
        require(verifier_ != address(0), "zero verifier");
        if (owner() != msg.sender) _transferOwnership(msg.sender);
        ioIDRegistry = ioIDRegistry_;
        deviceNFT = deviceNFT_;
        verifier = verifier_;
        emit VerifierChanged(verifier_);

        IDeviceNFTForProxy(deviceNFT_).configureMinter(address(this), amount);
        IDeviceNFTForProxy(deviceNFT_).setApprovalForAll(ioIDRegistry_, true);
        projectId = IProjectRegistryForProxy(projectRegistry).register(projectName, type_);
        IioIDStoreForProxy store = IioIDStoreForProxy(IioIDRegistryForProxy(ioIDRegistry_).ioIDStore());
        store.setDeviceContract(projectId, deviceNFT_);
        if (type_ == ProjectType.Hardware && amount > 0) store.applyIoIDs{value: msg.value}(projectId, amount);
    }

    /// @notice Registers `device` for `owner`. msg.value goes to the ioID store (price() once the quota is used up).
    function register(
        bytes calldata verifySignature,
        bytes32 hash,
        string calldata uri,
        address owner,
        address device,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external payable {
        _requireVouched(verifySignature, owner, device);
        uint256 deviceTokenId = _mintAndRegister(hash, uri, device, v, r, s);
        uint256 ioIDTokenId = IioIDRegistryForProxy(ioIDRegistry).deviceTokenId(device);
        IERC721(IioIDRegistryForProxy(ioIDRegistry).ioID()).transferFrom(address(this), owner, ioIDTokenId);
        emit Registered(owner, device, deviceTokenId, ioIDTokenId);
    }

    function _requireVouched(bytes calldata verifySignature, address owner, address device) private view {
        bytes32 vouched = ECDSA.toEthSignedMessageHash(abi.encodePacked(block.chainid, owner, device));
        (address signer, ECDSA.RecoverError error) = ECDSA.tryRecover(vouched, verifySignature);
        require(error == ECDSA.RecoverError.NoError && signer == verifier, "invalid verifier signature");
    }

    /// @dev The device NFT is minted to the proxy and moves into the new ioID's device wallet during register.
    function _mintAndRegister(bytes32 hash, string calldata uri, address device, uint8 v, bytes32 r, bytes32 s)
        private
        returns (uint256 deviceTokenId)
    {
        deviceTokenId = IDeviceNFTForProxy(deviceNFT).mint(address(this));
        IioIDRegistryForProxy(ioIDRegistry).register{value: msg.value}(
            deviceNFT, deviceTokenId, address(this), device, hash, uri, v, r, s
        );
    }

    function changeVerifier(address verifier_) external onlyOwner {
        require(verifier_ != address(0), "zero verifier");
        verifier = verifier_;
        emit VerifierChanged(verifier_);
    }

    /// @notice Buys more prepaid ioIDs for the project (hardware projects only, at the store's price).
    function applyIoIDs(uint256 amount) external payable onlyOwner {
        IioIDStoreForProxy(IioIDRegistryForProxy(ioIDRegistry).ioIDStore()).applyIoIDs{value: msg.value}(projectId, amount);
    }

    function incrementMinterAllowance(uint256 amount) external onlyOwner {
        IDeviceNFTForProxy(deviceNFT).incrementMinterAllowance(address(this), amount);
    }
}
